"""Tensors in Keras: keras.ops works on the tensors of whichever backend runs it."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")  # (1)!

import keras  # after KERAS_BACKEND is set
import numpy as np
from keras import ops

print("backend:", keras.backend.backend(), "| device:", ops.zeros(1).device)  # (2)!

x = ops.convert_to_tensor([[1.0, 2.0], [3.0, 4.0]])
print("tensor type:", f"{type(x).__module__}.{type(x).__name__}")  # (3)!
print("shape:", ops.shape(x), "| dtype:", keras.backend.standardize_dtype(x.dtype))
print("zeros:", ops.convert_to_numpy(ops.zeros((2, 3), dtype="int32")).tolist())
print("x * 2 + 1:", ops.convert_to_numpy(x * 2 + 1).tolist())
print("x @ x:", ops.convert_to_numpy(ops.matmul(x, x)).tolist())
print("sum:", float(ops.sum(x)), "| mean:", float(ops.mean(x)))
print("float32 -> int64:", keras.backend.standardize_dtype(ops.cast(x, "int64").dtype))

a = np.arange(6, dtype=np.float32).reshape(2, 3)
t = ops.convert_to_tensor(a)
back = ops.convert_to_numpy(t + 1)  # (4)!
print("to NumPy:", type(back).__name__, back.dtype, back.tolist())

with keras.device("cpu:0"):  # (5)!
    y = ops.matmul(x, x)
print("placed on:", y.device)
