"""A training loop in Keras: compile() picks loss and optimizer, fit() runs the loop."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import numpy as np

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)
keras.utils.set_random_seed(0)  # (1)!

# y = 3x - 2 plus noise; the loop should find w close to 3 and b close to -2
rng = np.random.default_rng(0)
x = rng.uniform(-1, 1, size=(256, 1)).astype("float32")
y = (3 * x - 2 + rng.normal(scale=0.1, size=(256, 1))).astype("float32")

model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, kernel_initializer="zeros")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")  # (2)!
history = model.fit(x, y, batch_size=32, epochs=20, shuffle=True, verbose=0)  # (3)!

for epoch in (1, 5, 10, 20):
    print(f"epoch {epoch:2d}  loss {history.history['loss'][epoch - 1]:.4f}")
w, b = model.layers[0].get_weights()
print(f"w = {w.item():.3f}, b = {b.item():.3f}")
