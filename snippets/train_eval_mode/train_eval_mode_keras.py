"""Training and inference mode in Keras: the training argument of Dropout and BatchNormalization."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import numpy as np
from keras import ops

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)
keras.utils.set_random_seed(0)

ones = np.ones((1, 8), dtype="float32")
rng = np.random.default_rng(0)  # a batch of 16 samples with 3 features, the same in every tab
x = rng.normal(loc=[1.0, 2.0, 3.0], scale=[0.5, 1.0, 2.0], size=(16, 3)).astype("float32")

dropout = keras.layers.Dropout(0.5, seed=0)
norm = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)  # (1)!

# Training mode: what fit() passes to every layer
d1 = ops.convert_to_numpy(dropout(ones, training=True))  # (2)!
d2 = ops.convert_to_numpy(dropout(ones, training=True))
y_train = ops.convert_to_numpy(norm(x, training=True))  # (3)!

# Inference mode: what predict(), evaluate() and a plain call use
i1 = ops.convert_to_numpy(dropout(ones, training=False))
i2 = ops.convert_to_numpy(dropout(ones))  # (4)!
y_infer = ops.convert_to_numpy(norm(x, training=False))

print("dropout, training call 1:", d1[0].tolist())
print("dropout, training call 2:", d2[0].tolist())
print("dropout, inference:", i1[0].tolist())
print("values in training mode:", sorted(set(d1.ravel().tolist() + d2.ravel().tolist())))
print("training calls differ:", not np.array_equal(d1, d2))
print("inference is deterministic:", np.array_equal(i1, i2) and np.array_equal(i1, ones))

moving_mean = norm.moving_mean.numpy()
moving_var = norm.moving_variance.numpy()
print("batch mean:", [round(v, 4) for v in x.mean(axis=0).tolist()])
print("moving mean after one training call:", [round(v, 4) for v in moving_mean.tolist()])
print("moving variance after one training call:", [round(v, 4) for v in moving_var.tolist()])
batch_stats = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + 1e-5)
moving_stats = (x - moving_mean) / np.sqrt(moving_var + 1e-5)
print("training uses batch statistics:", np.allclose(y_train, batch_stats, atol=1e-4))
print("inference uses moving statistics:", np.allclose(y_infer, moving_stats, atol=1e-4))
