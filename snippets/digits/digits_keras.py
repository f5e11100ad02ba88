"""Handwritten digits in Keras: the same MLP with Sequential, compile() and fit()."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)
keras.utils.set_random_seed(0)

digits = load_digits()  # (1)!
x = (digits.data / 16.0).astype("float32")  # 1797 images, 64 pixels each, scaled to 0..1
x_train, x_test, y_train, y_test = train_test_split(
    x, digits.target, test_size=0.25, random_state=0, stratify=digits.target)  # (2)!
print("train:", x_train.shape, "test:", x_test.shape)

model = keras.Sequential([
    keras.Input((64,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10),  # logits, as in the other tabs
])
model.compile(optimizer=keras.optimizers.Adam(1e-3, epsilon=1e-7),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
history = model.fit(x_train, y_train, batch_size=64, epochs=30, verbose=0)
for epoch in (10, 20, 30):
    print(f"epoch {epoch}  loss {history.history['loss'][epoch - 1]:.4f}")

predicted = np.argmax(model.predict(x_test, verbose=0), axis=1)  # (3)!
print(f"test accuracy: {np.mean(predicted == y_test):.4f}")
print("first 10 predicted:", predicted[:10].tolist())
print("first 10 true:     ", y_test[:10].tolist())
