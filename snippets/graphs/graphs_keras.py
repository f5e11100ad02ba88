"""A Keras functional model is a graph of layers; model.summary() prints it."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)

inputs = keras.Input(shape=(8,), name="features")  # (1)!
hidden = keras.layers.Dense(16, activation="relu", name="hidden")(inputs)
skip = keras.layers.Dense(16, name="skip")(inputs)
merged = keras.layers.Add(name="add")([hidden, skip])  # (2)!
outputs = keras.layers.Dense(1, name="score")(merged)
model = keras.Model(inputs, outputs, name="small_graph")

model.summary()  # (3)!
print("input shape:", model.input_shape, "| output shape:", model.output_shape)
print("one prediction:", keras.ops.shape(model(keras.ops.ones((1, 8)))))  # (4)!
