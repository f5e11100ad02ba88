"""Defining a model in Keras: keras.Sequential stacks layers; their weights are built for you."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)
keras.utils.set_random_seed(0)

model = keras.Sequential(  # (1)!
    [
        keras.Input(shape=(4,)),  # (2)!
        keras.layers.Dense(8, activation="relu", name="hidden"),
        keras.layers.Dense(3, name="out"),
    ],
    name="mlp",
)
print("output shape:", tuple(model(keras.ops.ones((2, 4))).shape))
for v in model.trainable_weights:  # (3)!
    print(f"  {v.path:<18} {v.shape}")
print("parameters:", model.count_params())
