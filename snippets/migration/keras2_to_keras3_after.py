"""Keras 3: JAX, TensorFlow or PyTorch as the backend, and math through keras.ops."""
import os

os.environ["KERAS_BACKEND"] = "jax"  # or "tensorflow" or "torch", before importing keras

import keras
from keras import ops


def rmse(y_true, y_pred):
    return ops.sqrt(ops.mean(ops.square(y_pred - y_true)))


print("backend:", keras.backend.backend())
print("rmse:", round(float(rmse(ops.array([1.0, 2.0]), ops.array([1.0, 4.0]))), 4))
