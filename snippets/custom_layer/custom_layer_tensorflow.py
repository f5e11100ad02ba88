"""A custom layer and training step in TensorFlow: tf.Module, tf.Variable and a GradientTape step."""
import numpy as np
import tensorflow as tf

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")

# y = 2*x1 - x2 + 0.5 plus noise; the same data, in the same order, in every tab
rng = np.random.default_rng(0)
x = rng.normal(size=(256, 2)).astype("float32")
y = (x @ np.array([[2.0], [-1.0]]) + 0.5 + rng.normal(scale=0.1, size=(256, 1))).astype("float32")


class ScaledDense(tf.Module):
    """scale * (x @ kernel + bias), with a learnable scale per unit."""

    def __init__(self, n_in, units, name=None):
        super().__init__(name=name)
        self.kernel = tf.Variable(tf.zeros((n_in, units)), name="kernel")  # (1)!
        self.bias = tf.Variable(tf.zeros((units,)), name="bias")
        self.scale = tf.Variable(tf.ones((units,)), name="scale")

    def __call__(self, x):
        return self.scale * (x @ self.kernel + self.bias)


class Regressor(tf.Module):
    def __init__(self, learning_rate, name=None):
        super().__init__(name=name)
        self.dense = ScaledDense(2, 1)
        self.learning_rate = learning_rate

    def __call__(self, x):
        return self.dense(x)

    @tf.function  # (2)!
    def train_step(self, x, y):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((self(x) - y) ** 2)
        grads = tape.gradient(loss, self.trainable_variables)  # (3)!
        for variable, grad in zip(self.trainable_variables, grads):
            variable.assign_sub(self.learning_rate * grad)  # plain SGD
        return loss


model = Regressor(learning_rate=0.1)
dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(32)  # no shuffling: same order as the other tabs
for epoch in range(10):
    for xb, yb in dataset:
        model.train_step(xb, yb)

print("trainable parameters:", sum(int(tf.size(v)) for v in model.trainable_variables))
print("kernel:", [round(v, 3) for v in model.dense.kernel.numpy().ravel().tolist()])
print("bias:", round(model.dense.bias.numpy().item(), 3))
print("scale:", round(model.dense.scale.numpy().item(), 3))
print("final loss:", round(float(tf.reduce_mean((model(x) - y) ** 2)), 4))
