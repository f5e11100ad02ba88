"""An input pipeline in Keras: a PyDataset gives whole batches to fit(), on every backend."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import math

import keras
import numpy as np

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)
keras.utils.set_random_seed(0)

# 1,000 samples: 8 "pixels" (uint8, 0-255) and a target y = x @ w + 0.5 + noise
rng = np.random.default_rng(0)
pixels = rng.integers(0, 256, size=(1000, 8), dtype=np.uint8)
w_true = rng.normal(size=(8, 1))
y = ((pixels / 127.5 - 1) @ w_true + 0.5 + rng.normal(scale=0.1, size=(1000, 1))).astype("float32")
batch_size = 64


class PixelDataset(keras.utils.PyDataset):
    def __init__(self, pixels, y, batch_size, **kwargs):
        super().__init__(**kwargs)  # workers, use_multiprocessing, max_queue_size
        self.pixels, self.y, self.batch_size = pixels, y, batch_size
        self.rng = np.random.default_rng(0)
        self.order = self.rng.permutation(len(pixels))

    def __len__(self):  # number of batches, not samples
        return math.ceil(len(self.pixels) / self.batch_size)

    def __getitem__(self, i):  # (1)!
        rows = self.order[i * self.batch_size : (i + 1) * self.batch_size]
        return self.pixels[rows].astype("float32") / 127.5 - 1, self.y[rows]

    def on_epoch_end(self):  # (2)!
        self.order = self.rng.permutation(len(self.pixels))


dataset = PixelDataset(pixels, y, batch_size)
print("batches per epoch:", len(dataset))
xb, yb = dataset[0]
print("first batch: x", xb.shape, xb.dtype, "| y", yb.shape, yb.dtype)

# Every target is different, so the sorted targets of one epoch equal the sorted
# targets of the data exactly when each sample came once.
epoch_1 = np.concatenate([yb for _, yb in dataset]).ravel()
dataset.on_epoch_end()
epoch_2 = np.concatenate([yb for _, yb in dataset]).ravel()
print("each sample once per epoch:", np.array_equal(np.sort(epoch_1), np.sort(y.ravel())))
print("new order each epoch:", not np.array_equal(epoch_1, epoch_2))

# The same tiny model in every tab: a linear layer from zeros, SGD with learning rate 0.1, MSE
model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(1, kernel_initializer="zeros")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
model.fit(dataset, epochs=5, shuffle=False, verbose=0)  # (3)!
x_all = pixels.astype("float32") / 127.5 - 1
mse = float(np.mean((model.predict(x_all, verbose=0) - y) ** 2))
print("mse after 5 epochs:", round(mse, 4))
