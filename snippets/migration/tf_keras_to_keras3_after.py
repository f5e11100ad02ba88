"""The same model under Keras 3 (what tf.keras is from TensorFlow 2.16 on)."""
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")  # model.export() below needs TF or JAX

import keras
import numpy as np

model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, kernel_initializer="ones")])
model.save("my_model.keras")  # the native Keras format
model.export("my_model", verbose=False)  # a SavedModel folder, for TF Serving or LiteRT

reloaded = keras.models.load_model("my_model.keras")
print("reloaded .keras:", reloaded.predict(np.array([[1.0, 2.0]]), verbose=0).tolist())
print("SavedModel folder:", sorted(os.listdir("my_model")))
