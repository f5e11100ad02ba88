"""Saving and loading in Keras: one .keras file holds the architecture, weights and optimizer."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import tempfile
import zipfile
from pathlib import Path

import keras
import numpy as np

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)
keras.utils.set_random_seed(0)
folder = Path(tempfile.mkdtemp(prefix="save-load-keras-"))  # a new folder for the files it writes

rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
noise = rng.normal(scale=0.1, size=(64, 1))
y = (x @ np.array([[1.0], [-2.0], [0.5], [3.0]]) + noise).astype("float32")

model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, kernel_initializer="zeros")])
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
history = model.fit(x, y, batch_size=64, epochs=100, verbose=0)  # train a little
print("trained, loss:", round(history.history["loss"][-1], 4))
before = model.predict(x[:3], verbose=0)

model.save(folder / "linear.keras")  # (1)!
print("inside linear.keras:", sorted(zipfile.ZipFile(folder / "linear.keras").namelist()))  # (2)!
loaded = keras.models.load_model(folder / "linear.keras")  # (3)!
after = loaded.predict(x[:3], verbose=0)
print("reloaded, same predictions:", np.array_equal(after, before))

model.save_weights(folder / "linear.weights.h5")  # (4)!
fresh = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
fresh.load_weights(folder / "linear.weights.h5")
print("weights only, same predictions:", np.array_equal(fresh.predict(x[:3], verbose=0), before))
print("predictions:", [round(float(v), 3) for v in after.ravel()])
