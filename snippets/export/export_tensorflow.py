"""Export for deployment in TensorFlow: a SavedModel with a serving signature, then LiteRT
(formerly TensorFlow Lite), run with the LiteRT interpreter."""
import tempfile
from pathlib import Path

import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")
# the same starting weights in all three tabs, so the probabilities can be compared
rng = np.random.default_rng(0)
w0 = rng.normal(scale=0.5, size=(4, 3)).astype("float32")
x = rng.normal(size=(2, 4)).astype("float32")
folder = Path(tempfile.mkdtemp(prefix="export-tensorflow-"))  # a new folder for the files it writes


class Classifier(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = tf.Variable(w0)
        self.b = tf.Variable(tf.zeros((3,)))

    @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32, name="features")])
    def serve(self, features):  # (1)!
        return {"probabilities": tf.nn.softmax(features @ self.w + self.b)}


model = Classifier()
expected = model.serve(x)["probabilities"].numpy()

tf.saved_model.save(model, str(folder / "exported"), signatures={"serving_default": model.serve})  # (2)!
serving = tf.saved_model.load(str(folder / "exported")).signatures["serving_default"]  # (3)!
print("signature inputs:", {k: (v.shape.as_list(), v.dtype.name)
                            for k, v in serving.structured_input_signature[1].items()})
print("signature outputs:", sorted(serving.structured_outputs))
served = serving(features=tf.constant(x))["probabilities"].numpy()
print("SavedModel matches:", np.allclose(served, expected, atol=1e-6))

converter = tf.lite.TFLiteConverter.from_saved_model(str(folder / "exported"))  # (4)!
tflite_bytes = converter.convert()
interpreter = Interpreter(model_content=tflite_bytes)  # (5)!
runner = interpreter.get_signature_runner("serving_default")
lite = runner(features=x)["probabilities"]
print(f"LiteRT flatbuffer: {len(tflite_bytes) / 1024:.1f} KiB | matches:",
      np.allclose(lite, expected, atol=1e-5))
print("probabilities:", [[round(float(p), 3) for p in row] for row in served])
