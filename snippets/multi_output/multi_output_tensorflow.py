"""Two outputs in plain TensorFlow: a tf.Module returns a dict; the losses are added up."""
import numpy as np
import tensorflow as tf

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")
tf.random.set_seed(0)

# 512 samples, 8 features; a class (which of 3 projections is largest) and a number (their sum)
rng = np.random.default_rng(0)
x = rng.normal(size=(512, 8)).astype("float32")
projections = rng.normal(size=(8, 3)).astype("float32")
y_kind = np.argmax(x @ projections, axis=1)
y_amount = x.sum(axis=1, keepdims=True)


def glorot(n_in, n_out):  # Keras' default initializer, in all three tabs
    limit = (6 / (n_in + n_out)) ** 0.5
    return tf.Variable(tf.random.uniform((n_in, n_out), -limit, limit))


def dense(n_in, n_out):
    return glorot(n_in, n_out), tf.Variable(tf.zeros((n_out,)))


class TwoHeads(tf.Module):
    def __init__(self):
        super().__init__()
        self.trunk, self.kind, self.amount = dense(8, 32), dense(32, 3), dense(32, 1)

    def __call__(self, x):
        h = tf.nn.relu(x @ self.trunk[0] + self.trunk[1])
        return {"kind": h @ self.kind[0] + self.kind[1],  # (1)!
                "amount": h @ self.amount[0] + self.amount[1]}


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


model = TwoHeads()
optimizer = Adam(model.trainable_variables, learning_rate=0.01)
dataset = (tf.data.Dataset.from_tensor_slices((x, {"kind": y_kind, "amount": y_amount}))
           .shuffle(512, seed=0).batch(32))


def losses(out, kind, amount):
    kind_loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(kind, out["kind"]))
    amount_loss = tf.reduce_mean((out["amount"] - amount) ** 2)
    return kind_loss + 0.5 * amount_loss, kind_loss, amount_loss  # (2)!


@tf.function
def train_step(xb, yb):
    with tf.GradientTape() as tape:
        loss, _, _ = losses(model(xb), yb["kind"], yb["amount"])
    optimizer.apply(tape.gradient(loss, model.trainable_variables), model.trainable_variables)


for epoch in range(20):
    for xb, yb in dataset:
        train_step(xb, yb)

out = model(x)  # after training, on all 512 samples, as in the other tabs
loss, kind_loss, amount_loss = losses(out, y_kind, y_amount)
accuracy = float(tf.reduce_mean(tf.cast(tf.argmax(out["kind"], axis=1) == y_kind, tf.float32)))
print(f"{'amount_loss':<14} {float(amount_loss):.3f}")
print(f"{'kind_accuracy':<14} {accuracy:.3f}")
print(f"{'kind_loss':<14} {float(kind_loss):.3f}")
print(f"{'loss':<14} {float(loss):.3f}")
print("outputs:", {k: tuple(v.shape) for k, v in sorted(model(x[:4]).items())})
