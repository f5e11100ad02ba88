"""tf.keras code written for TensorFlow 2.15 or earlier (Keras 2)."""
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
model.save("my_model")  # Keras 2 wrote a SavedModel folder here
