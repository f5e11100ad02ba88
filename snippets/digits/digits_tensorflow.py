"""Handwritten digits in TensorFlow: an MLP on scikit-learn's 8x8 digits, trained with
tf.GradientTape inside a tf.function."""
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


class MLP(tf.Module):
    def __init__(self, sizes=(64, 64, 10)):
        super().__init__()
        self.layers = [
            (tf.Variable(tf.random.normal((n_in, n_out), stddev=(2 / n_in) ** 0.5)),
             tf.Variable(tf.zeros((n_out,))))
            for n_in, n_out in zip(sizes[:-1], sizes[1:])
        ]

    def __call__(self, x):
        for i, (w, b) in enumerate(self.layers):
            x = x @ w + b
            if i < len(self.layers) - 1:
                x = tf.nn.relu(x)
        return x  # logits


model = MLP()
train = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(2000, seed=0).batch(64)


@tf.function
def train_step(xb, yb, learning_rate=0.1):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(
            tf.nn.sparse_softmax_cross_entropy_with_logits(labels=yb, logits=model(xb)))
    grads = tape.gradient(loss, model.trainable_variables)
    for v, g in zip(model.trainable_variables, grads):
        v.assign_sub(learning_rate * g)
    return loss


for epoch in range(1, 31):
    losses = [float(train_step(xb, yb)) for xb, yb in train]
    if epoch % 10 == 0:
        print(f"epoch {epoch}  loss {np.mean(losses):.4f}")

predicted = tf.argmax(model(x_test), axis=1).numpy()  # (3)!
print(f"test accuracy: {np.mean(predicted == y_test):.4f}")
print("first 10 predicted:", predicted[:10].tolist())
print("first 10 true:     ", y_test[:10].tolist())
