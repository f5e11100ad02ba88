"""Tensors in TensorFlow: create, inspect, compute, convert to and from NumPy, place."""
import numpy as np
import tensorflow as tf

gpus = tf.config.list_physical_devices("GPU")  # (1)!
print("device:", "GPU" if gpus else "CPU")

x = tf.constant([[1.0, 2.0], [3.0, 4.0]])  # (2)!
print("shape:", x.shape, "| dtype:", x.dtype.name)
print("zeros:", tf.zeros((2, 3), dtype=tf.int32).numpy().tolist())
print("x * 2 + 1:", (x * 2 + 1).numpy().tolist())
print("x @ x:", tf.matmul(x, x).numpy().tolist())
print("sum:", float(tf.reduce_sum(x)), "| mean:", float(tf.reduce_mean(x)))
print("float32 -> int64:", tf.cast(x, tf.int64).dtype.name)

a = np.arange(6, dtype=np.float32).reshape(2, 3)
t = tf.convert_to_tensor(a)  # (3)!
a[0, 0] = 100.0  # the tensor kept its own copy
print("from NumPy:", t.dtype.name, t.shape, "| t[0, 0] =", float(t[0, 0]))
back = (t + 1).numpy()  # (4)!
print("to NumPy:", type(back).__name__, back.dtype, back.tolist())

with tf.device("/GPU:0" if gpus else "/CPU:0"):  # (5)!
    y = tf.matmul(x, x)
print("placed on:", y.device)
