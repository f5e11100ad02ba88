"""Handwritten digits in TensorFlow: an MLP on scikit-learn's 8x8 digits, trained with
tf.GradientTape inside a tf.function and Adam, as in the other tabs."""
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")
tf.random.set_seed(0)

digits = load_digits()  # (1)!
x = (digits.data / 16.0).astype("float32")  # 1797 images, 64 pixels each, scaled to 0..1
x_train, x_test, y_train, y_test = train_test_split(
    x, digits.target, test_size=0.25, random_state=0, stratify=digits.target)  # (2)!
print("train:", x_train.shape, "test:", x_test.shape)


def glorot(n_in, n_out):  # Keras' default initializer, in all three tabs
    limit = (6 / (n_in + n_out)) ** 0.5
    return tf.Variable(tf.random.uniform((n_in, n_out), -limit, limit))


class MLP(tf.Module):
    def __init__(self, sizes=(64, 64, 10)):
        super().__init__()
        self.layers = [
            (glorot(n_in, n_out), tf.Variable(tf.zeros((n_out,))))
            for n_in, n_out in zip(sizes[:-1], sizes[1:])
        ]

    def __call__(self, x):
        for i, (w, b) in enumerate(self.layers):
            x = x @ w + b
            if i < len(self.layers) - 1:
                x = tf.nn.relu(x)
        return x  # logits


class Adam(tf.Module):
    """Adam with the other tabs' settings; the optimizers in tf.keras belong to Keras."""

    def __init__(self, variables, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        super().__init__()
        self.lr, self.b1, self.b2, self.eps = learning_rate, beta_1, beta_2, epsilon
        self.m = [tf.Variable(tf.zeros_like(v)) for v in variables]
        self.v = [tf.Variable(tf.zeros_like(v)) for v in variables]
        self.t = tf.Variable(0.0)

    def apply(self, grads, variables):
        self.t.assign_add(1.0)
        for g, var, m, v in zip(grads, variables, self.m, self.v):
            m.assign(self.b1 * m + (1 - self.b1) * g)
            v.assign(self.b2 * v + (1 - self.b2) * g * g)
            m_hat = m / (1 - self.b1**self.t)
            v_hat = v / (1 - self.b2**self.t)
            var.assign_sub(self.lr * m_hat / (tf.sqrt(v_hat) + self.eps))


model = MLP()
optimizer = Adam(model.trainable_variables, learning_rate=1e-3)
train = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(2000, seed=0).batch(64)


@tf.function
def train_step(xb, yb):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(
            tf.nn.sparse_softmax_cross_entropy_with_logits(labels=yb, logits=model(xb)))
    optimizer.apply(tape.gradient(loss, model.trainable_variables), model.trainable_variables)
    return loss


for epoch in range(1, 31):
    losses = [float(train_step(xb, yb)) for xb, yb in train]
    if epoch % 10 == 0:
        print(f"epoch {epoch}  loss {np.mean(losses):.4f}")

predicted = tf.argmax(model(x_test), axis=1).numpy()  # (3)!
print(f"test accuracy: {np.mean(predicted == y_test):.4f}")
print("first 10 predicted:", predicted[:10].tolist())
print("first 10 true:     ", y_test[:10].tolist())
