"""A training loop in TensorFlow: tf.data batches, tf.GradientTape, and a hand-written update."""
import numpy as np
import tensorflow as tf

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")

# y = 3x - 2 plus noise; the loop should find w close to 3 and b close to -2
rng = np.random.default_rng(0)
x = rng.uniform(-1, 1, size=(256, 1)).astype("float32")
y = (3 * x - 2 + rng.normal(scale=0.1, size=(256, 1))).astype("float32")
dataset = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(256, seed=0).batch(32)  # (1)!

w = tf.Variable(0.0)
b = tf.Variable(0.0)
learning_rate = 0.1


@tf.function  # (2)!
def train_step(xb, yb):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((w * xb + b - yb) ** 2)
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(learning_rate * dw)  # (3)!
    b.assign_sub(learning_rate * db)
    return loss


for epoch in range(1, 21):
    losses = [float(train_step(xb, yb)) for xb, yb in dataset]
    if epoch in (1, 5, 10, 20):
        print(f"epoch {epoch:2d}  loss {np.mean(losses):.4f}")
print(f"w = {float(w):.3f}, b = {float(b):.3f}")
