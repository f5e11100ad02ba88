"""A model with two outputs through Keras' functional API: one input, a shared trunk, two heads."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import numpy as np

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)
keras.utils.set_random_seed(0)

# 512 samples, 8 features; a class (which of 3 projections is largest) and a number (their sum)
rng = np.random.default_rng(0)
x = rng.normal(size=(512, 8)).astype("float32")
projections = rng.normal(size=(8, 3)).astype("float32")
y_kind = np.argmax(x @ projections, axis=1)
y_amount = x.sum(axis=1, keepdims=True)

inputs = keras.Input(shape=(8,), name="features")
trunk = keras.layers.Dense(32, activation="relu", name="trunk")(inputs)  # (1)!
kind = keras.layers.Dense(3, name="kind")(trunk)  # logits, as in the other tabs
amount = keras.layers.Dense(1, name="amount")(trunk)
model = keras.Model(inputs, {"kind": kind, "amount": amount})  # (2)!

model.compile(
    optimizer=keras.optimizers.Adam(0.01, epsilon=1e-7),
    loss={"kind": keras.losses.SparseCategoricalCrossentropy(from_logits=True),
          "amount": "mse"},  # (3)!
    loss_weights={"kind": 1.0, "amount": 0.5},
    metrics={"kind": ["accuracy"]},
)
model.fit(x, {"kind": y_kind, "amount": y_amount}, epochs=20, batch_size=32, verbose=0)

# after training, on all 512 samples in one batch, as in the other tabs
scores = model.evaluate(x, {"kind": y_kind, "amount": y_amount}, batch_size=512,
                        verbose=0, return_dict=True)
for name in sorted(scores):  # (4)!
    print(f"{name:<14} {scores[name]:.3f}")

predictions = model.predict(x[:4], verbose=0)
print("outputs:", {k: v.shape for k, v in sorted(predictions.items())})
