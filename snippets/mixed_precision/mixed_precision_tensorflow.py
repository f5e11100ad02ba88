"""Mixed precision in TensorFlow without Keras: the variables stay float32, and the module
casts inputs and weights to bfloat16 for the matmul."""
import numpy as np
import tensorflow as tf

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")

# The same inputs and weights in every tab: 4 rows of 64 features -> 8 outputs
rng = np.random.default_rng(0)
x = rng.normal(size=(4, 64)).astype("float32")
w = (rng.normal(size=(64, 8)) / 8).astype("float32")


class Linear(tf.Module):
    def __init__(self, compute_dtype):
        super().__init__()
        self.w = tf.Variable(w)  # (1)!
        self.compute_dtype = compute_dtype

    def __call__(self, features):
        return tf.cast(features, self.compute_dtype) @ tf.cast(self.w, self.compute_dtype)  # (2)!


reference = Linear(tf.float32)(x)
layer = Linear(tf.bfloat16)
with tf.GradientTape() as tape:
    out = layer(x)
    loss = tf.reduce_sum(tf.cast(out, tf.float32))
grad = tape.gradient(loss, layer.w)  # (3)!

print("variable dtype:", layer.w.dtype.name)
print("compute dtype:", layer.compute_dtype.name)
print("output dtype:", out.dtype.name)
print("gradient dtype:", grad.dtype.name)
print("float32 row 0: ", [round(v, 3) for v in reference[0, :4].numpy().tolist()])
print("bfloat16 row 0:", [round(v, 3) for v in tf.cast(out, tf.float32)[0, :4].numpy().tolist()])
error = float(tf.reduce_max(tf.abs(tf.cast(out, tf.float32) - reference)))  # (4)!
print(f"max abs difference to float32: {error:.4f}")
print("within 0.05 of float32:", error < 0.05)
