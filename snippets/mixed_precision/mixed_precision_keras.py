"""Mixed precision in Keras: the "mixed_bfloat16" dtype policy computes in bfloat16 and keeps
the variables in float32."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import numpy as np

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)

# The same inputs and weights in every tab: 4 rows of 64 features -> 8 outputs
rng = np.random.default_rng(0)
x = rng.normal(size=(4, 64)).astype("float32")
w = (rng.normal(size=(64, 8)) / 8).astype("float32")

reference_layer = keras.layers.Dense(8, use_bias=False)  # float32 everywhere (the default)
reference_layer.build((None, 64))
reference_layer.set_weights([w])
reference = keras.ops.convert_to_numpy(reference_layer(x))

keras.mixed_precision.set_dtype_policy("mixed_bfloat16")  # (1)!
layer = keras.layers.Dense(8, use_bias=False)  # (2)!
layer.build((None, 64))
layer.set_weights([w])
out = layer(x)

print("policy:", layer.dtype_policy.name)
print("variable dtype:", layer.kernel.dtype)  # (3)!
print("compute dtype:", layer.compute_dtype)
print("output dtype:", keras.backend.standardize_dtype(out.dtype))
out32 = keras.ops.convert_to_numpy(keras.ops.cast(out, "float32"))
print("float32 row 0: ", [round(float(v), 3) for v in reference[0, :4]])
print("bfloat16 row 0:", [round(float(v), 3) for v in out32[0, :4]])
error = float(np.abs(out32 - reference).max())  # (4)!
print(f"max abs difference to float32: {error:.4f}")
print("within 0.05 of float32:", error < 0.05)
