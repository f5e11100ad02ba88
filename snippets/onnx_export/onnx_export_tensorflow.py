"""ONNX export in TensorFlow: tf2onnx converts a tf.function, onnxruntime runs the file."""
import tempfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import tensorflow as tf
import tf2onnx

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")
folder = Path(tempfile.mkdtemp(prefix="onnx_export-tensorflow-"))  # a new folder for the files

# The same weights in every tab: 4 features -> 8 ReLU units -> 3 logits
rng = np.random.default_rng(0)
w1, b1 = rng.normal(size=(4, 8)).astype("float32"), rng.normal(size=8).astype("float32")
w2, b2 = rng.normal(size=(8, 3)).astype("float32"), rng.normal(size=3).astype("float32")
x = rng.normal(size=(2, 4)).astype("float32")


class Classifier(tf.Module):
    def __init__(self):
        super().__init__()
        self.w1, self.b1 = tf.Variable(w1), tf.Variable(b1)
        self.w2, self.b2 = tf.Variable(w2), tf.Variable(b2)

    @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32, name="features")])
    def __call__(self, features):
        return tf.nn.relu(features @ self.w1 + self.b1) @ self.w2 + self.b2


model = Classifier()
expected = model(x).numpy()

tf2onnx.convert.from_function(  # (1)!
    model.__call__, input_signature=[tf.TensorSpec([None, 4], tf.float32, name="features")],
    opset=18, output_path=str(folder / "classifier.onnx"))

saved = onnx.load(folder / "classifier.onnx")  # (2)!
opset = next(o.version for o in saved.opset_import if o.domain in ("", "ai.onnx"))
dims = [d.dim_value or None for d in saved.graph.input[0].type.tensor_type.shape.dim]
print("opset:", opset, "| input:", saved.graph.input[0].name, dims)
print("ONNX ops:", [node.op_type for node in saved.graph.node])

session = ort.InferenceSession(folder / "classifier.onnx", providers=["CPUExecutionProvider"])  # (3)!
served = session.run(None, {"features": x})[0]
print("onnxruntime matches:", np.allclose(served, expected, rtol=1e-3, atol=1e-3))
print("logits:", [[round(float(v), 3) for v in row] for row in served])
