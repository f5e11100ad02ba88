"""An input pipeline in TensorFlow: tf.data maps, shuffles, batches and prefetches."""
import numpy as np
import tensorflow as tf

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")

# 1,000 samples: 8 "pixels" (uint8, 0-255) and a target y = x @ w + 0.5 + noise
rng = np.random.default_rng(0)
pixels = rng.integers(0, 256, size=(1000, 8), dtype=np.uint8)
w_true = rng.normal(size=(8, 1))
y = ((pixels / 127.5 - 1) @ w_true + 0.5 + rng.normal(scale=0.1, size=(1000, 1))).astype("float32")
batch_size = 64


def scale(x, y):  # one sample: uint8 0..255 -> float32 -1..1
    return tf.cast(x, tf.float32) / 127.5 - 1, y


dataset = (
    tf.data.Dataset.from_tensor_slices((pixels, y))  # (1)!
    .map(scale, num_parallel_calls=tf.data.AUTOTUNE)
    .shuffle(len(pixels), seed=0)  # (2)!
    .batch(batch_size)
    .prefetch(tf.data.AUTOTUNE)  # (3)!
)
print("batches per epoch:", len(dataset))
xb, yb = next(iter(dataset))
print("first batch: x", tuple(xb.shape), xb.dtype.name, "| y", tuple(yb.shape), yb.dtype.name)

# Every target is different, so the sorted targets of one epoch equal the sorted
# targets of the data exactly when each sample came once.
epoch_1 = np.concatenate([yb.numpy() for _, yb in dataset]).ravel()
epoch_2 = np.concatenate([yb.numpy() for _, yb in dataset]).ravel()
print("each sample once per epoch:", np.array_equal(np.sort(epoch_1), np.sort(y.ravel())))
print("new order each epoch:", not np.array_equal(epoch_1, epoch_2))

# The same tiny model in every tab: a linear layer from zeros, SGD with learning rate 0.1, MSE
w = tf.Variable(tf.zeros((8, 1)))
b = tf.Variable(tf.zeros((1,)))


@tf.function
def train_step(xb, yb):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((xb @ w + b - yb) ** 2)
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(0.1 * dw)
    b.assign_sub(0.1 * db)


for epoch in range(5):
    for xb, yb in dataset:
        train_step(xb, yb)
x_all, _ = scale(pixels, y)
print("mse after 5 epochs:", round(float(tf.reduce_mean((x_all @ w + b - y) ** 2)), 4))
