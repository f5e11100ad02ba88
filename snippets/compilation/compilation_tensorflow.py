"""Compilation in TensorFlow: tf.function traces a Python function into a graph, and
jit_compile=True hands that graph to XLA."""
import numpy as np
import tensorflow as tf

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")

# The same data and starting weights in every tab: 16 features -> 8 ReLU units -> 1 output
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 16)).astype("float32")
y = (x[:, :1] - 0.5 * x[:, 1:2]).astype("float32")
w1, w2 = (0.3 * rng.normal(size=s).astype("float32") for s in ((16, 8), (8, 1)))


class MLP(tf.Module):
    def __init__(self):
        super().__init__()
        self.w1, self.b1 = tf.Variable(w1), tf.Variable(tf.zeros(8))
        self.w2, self.b2 = tf.Variable(w2), tf.Variable(tf.zeros(1))

    def __call__(self, features):
        return tf.nn.relu(features @ self.w1 + self.b1) @ self.w2 + self.b2


def make_step(model):
    def step(xb, yb):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((model(xb) - yb) ** 2)
        for var, grad in zip(model.trainable_variables,
                             tape.gradient(loss, model.trainable_variables), strict=True):
            var.assign_sub(0.05 * grad)
        return loss
    return step


def train(step):
    losses = []
    for _ in range(3):
        losses.append(float(np.mean([step(x[s:s + 16], y[s:s + 16]) for s in range(0, 64, 16)])))
    return losses


eager_model, compiled_model = MLP(), MLP()
eager_losses = train(make_step(eager_model))  # (1)!
compiled_step = tf.function(make_step(compiled_model), jit_compile=True)  # (2)!
compiled_losses = train(compiled_step)
print("traces:", compiled_step.experimental_get_tracing_count())  # (3)!
print("losses:", [round(v, 4) for v in compiled_losses])
same_weights = all(np.allclose(a, b, atol=1e-3) for a, b in
                   zip(compiled_model.trainable_variables, eager_model.trainable_variables,
                       strict=True))
print("compiled matches eager:", np.allclose(compiled_losses, eager_losses, atol=1e-3)
      and same_weights)
