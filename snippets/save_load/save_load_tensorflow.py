"""Saving and loading in TensorFlow: a checkpoint restores weights into your code; a SavedModel
restores the computation without it."""
import tempfile
from pathlib import Path

import numpy as np
import tensorflow as tf

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")
tf.random.set_seed(0)
folder = Path(tempfile.mkdtemp(prefix="save-load-tensorflow-"))  # a new folder for the files it writes

rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
noise = rng.normal(scale=0.1, size=(64, 1))
y = (x @ np.array([[1.0], [-2.0], [0.5], [3.0]]) + noise).astype("float32")


class Linear(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = tf.Variable(tf.zeros((4, 1)))
        self.b = tf.Variable(tf.zeros((1,)))

    @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32)])  # (1)!
    def __call__(self, x):
        return x @ self.w + self.b


model = Linear()
for _ in range(100):  # train a little
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x) - y) ** 2)
    for v, g in zip(model.trainable_variables, tape.gradient(loss, model.trainable_variables)):
        v.assign_sub(0.1 * g)
print("trained, loss:", round(float(loss), 4))
before = model(x[:3]).numpy()

path = tf.train.Checkpoint(model=model).write(str(folder / "ckpt" / "linear"))  # (2)!
fresh = Linear()
tf.train.Checkpoint(model=fresh).read(path).assert_consumed()
print("checkpoint restored, same predictions:", np.array_equal(fresh(x[:3]).numpy(), before))

tf.saved_model.save(model, str(folder / "saved_linear"))  # (3)!
loaded = tf.saved_model.load(str(folder / "saved_linear"))  # (4)!
after = loaded(x[:3]).numpy()
print("SavedModel reloaded, same predictions:", np.array_equal(after, before))
print("predictions:", [round(float(v), 3) for v in after.ravel()])
