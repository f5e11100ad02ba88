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


def dense(n_in, n_out):
    return (tf.Variable(tf.random.normal((n_in, n_out), stddev=n_in**-0.5)),
            tf.Variable(tf.zeros((n_out,))))


class TwoHeads(tf.Module):
    def __init__(self):
        super().__init__()
        self.trunk, self.kind, self.amount = dense(8, 32), dense(32, 3), dense(32, 1)

    def __call__(self, x):
        h = tf.nn.relu(x @ self.trunk[0] + self.trunk[1])
        return {"kind": h @ self.kind[0] + self.kind[1],  # (1)!
                "amount": h @ self.amount[0] + self.amount[1]}


model = TwoHeads()
dataset = (tf.data.Dataset.from_tensor_slices((x, {"kind": y_kind, "amount": y_amount}))
           .shuffle(512, seed=0).batch(32))


@tf.function
def train_step(xb, yb, learning_rate=0.05):
    with tf.GradientTape() as tape:
        out = model(xb)
        kind_loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            yb["kind"], out["kind"]))
        amount_loss = tf.reduce_mean((out["amount"] - yb["amount"]) ** 2)
        loss = kind_loss + 0.5 * amount_loss  # (2)!
    grads = tape.gradient(loss, model.trainable_variables)
    for v, g in zip(model.trainable_variables, grads):
        v.assign_sub(learning_rate * g)
    return loss, kind_loss, amount_loss


for epoch in range(20):
    for xb, yb in dataset:
        loss, kind_loss, amount_loss = train_step(xb, yb)

out = model(x)
accuracy = float(tf.reduce_mean(tf.cast(tf.argmax(out["kind"], axis=1) == y_kind, tf.float32)))
print(f"{'loss':<14} {float(loss):.3f}")  # last batch, as Keras reports the epoch mean
print(f"{'kind_loss':<14} {float(kind_loss):.3f}")
print(f"{'amount_loss':<14} {float(amount_loss):.3f}")
print(f"{'kind_accuracy':<14} {accuracy:.3f}")
print("outputs:", {k: tuple(v.shape) for k, v in sorted(model(x[:4]).items())})
