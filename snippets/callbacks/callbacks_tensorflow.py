"""Early stopping and a learning-rate schedule in TensorFlow without Keras: the schedule is a
formula assigned to a tf.Variable, and early stopping is a few lines in the loop."""
import numpy as np
import tensorflow as tf

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")

# The same data in every tab: 32 points, 8 features, only 3 of which matter, plus noise.
# The last 8 points (25 %) are the validation set; 24 points overfit after a few epochs.
rng = np.random.default_rng(38)
x = rng.normal(size=(32, 8)).astype("float32")
y = (x @ np.array([1.0, -1.0, 0.5, 0, 0, 0, 0, 0]) + 0.5 * rng.normal(size=32)).astype("float32")
x_train, y_train, x_val, y_val = x[:24], y[:24, None], x[24:], y[24:, None]

w = tf.Variable(tf.zeros((8, 1)))
b = tf.Variable(tf.zeros((1,)))
learning_rate = tf.Variable(0.1)  # (1)!


def mse(features, targets):
    return tf.reduce_mean((features @ w + b - targets) ** 2)


@tf.function
def train_step():
    with tf.GradientTape() as tape:
        loss = mse(x_train, y_train)
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(learning_rate * dw)
    b.assign_sub(learning_rate * db)


patience, wait, best_loss, best_epoch, best_weights = 3, 0, float("inf"), 0, None
rates, val_losses = [], []
for epoch in range(1, 101):
    learning_rate.assign(0.1 * 0.5 ** ((epoch - 1) // 4))  # (2)!
    rates.append(float(learning_rate))
    train_step()
    val_losses.append(float(mse(x_val, y_val)))
    if val_losses[-1] < best_loss:  # (3)!
        best_loss, best_epoch, wait = val_losses[-1], epoch, 0
        best_weights = [w.numpy(), b.numpy()]
    else:
        wait += 1
        if wait >= patience:
            break
w.assign(best_weights[0])  # (4)!
b.assign(best_weights[1])

print("learning rates:", [round(lr, 4) for lr in rates])
print("val losses:", [round(v, 4) for v in val_losses])
print("stopped after epoch:", epoch, "| best epoch:", best_epoch)
restored = float(mse(x_val, y_val))
print("restored best val loss:", round(restored, 4))
print("restored weights give the best val loss:", bool(np.isclose(restored, best_loss, atol=1e-6)))
