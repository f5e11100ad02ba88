"""Automatic differentiation in TensorFlow: tf.GradientTape records, then differentiates."""
import tensorflow as tf

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")

x = tf.Variable(3.0)
with tf.GradientTape() as tape:  # (1)!
    y = x**2 + 2 * x + 1
print("dy/dx at x=3:", float(tape.gradient(y, x)))  # 2x + 2

c = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(c)  # (2)!
    y = c**3
print("d(c^3)/dc at c=3:", float(tape.gradient(y, c)))

# the gradient of a loss with respect to a model's weights
features = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
targets = tf.constant([[1.0], [2.0]])
w = tf.Variable(tf.fill((3, 1), 0.1))
b = tf.Variable(tf.zeros((1,)))
with tf.GradientTape() as tape:
    predictions = features @ w + b
    loss = tf.reduce_mean((predictions - targets) ** 2)
dw, db = tape.gradient(loss, [w, b])  # (3)!
print("loss:", round(float(loss), 4))
print("dloss/dw:", [round(v, 4) for v in dw.numpy().ravel().tolist()])
print("dloss/db:", [round(v, 4) for v in db.numpy().tolist()])

with tf.GradientTape() as outer:  # (4)!
    with tf.GradientTape() as inner:
        y = x**3
    dy = inner.gradient(y, x)
print("first and second derivative of x^3 at x=3:", float(dy), float(outer.gradient(dy, x)))
