"""Export for deployment in Keras: model.export() writes an inference-only artifact; which
formats are open depends on the backend."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import tempfile
from pathlib import Path

import keras
import numpy as np

backend = keras.backend.backend()
print("backend:", backend, "| device:", keras.ops.zeros(1).device)
# the same starting weights in all three tabs, so the probabilities can be compared
rng = np.random.default_rng(0)
w0 = rng.normal(scale=0.5, size=(4, 3)).astype("float32")
x = rng.normal(size=(2, 4)).astype("float32")
folder = Path(tempfile.mkdtemp(prefix="export-keras-"))  # a new folder for the files it writes

model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
model.set_weights([w0, np.zeros(3, "float32")])
expected = keras.ops.convert_to_numpy(model(x))

if backend in ("tensorflow", "jax"):
    model.export(folder / "exported", format="tf_saved_model", verbose=False)  # (1)!
    import tensorflow as tf

    reloaded = tf.saved_model.load(str(folder / "exported"))  # (2)!
    served = reloaded.serve(tf.constant(x)).numpy()
    print("format: tf_saved_model | endpoint: serve")
else:
    import torch

    batch = torch.export.Dim("batch", min=1, max=1024)
    model.export(folder / "exported.pt2", format="torch", verbose=False,
                 dynamic_shapes={0: batch})  # (3)!

    program = torch.export.load(folder / "exported.pt2")  # (4)!
    served = program.module()(torch.from_numpy(x)).detach().cpu().numpy()
    print("format: torch (ExportedProgram) | endpoint: module()")
print("exported model matches:", np.allclose(served, expected, atol=1e-6))
print("probabilities:", [[round(float(p), 3) for p in row] for row in served])
