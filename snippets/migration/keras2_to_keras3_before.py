"""Keras 2.3 and earlier: Theano, CNTK or TensorFlow as the backend, and math through keras.backend."""
import os

os.environ["KERAS_BACKEND"] = "theano"

from keras import backend as K


def rmse(y_true, y_pred):
    return K.sqrt(K.mean(K.square(y_pred - y_true)))


print(K.eval(rmse(K.variable([1.0, 2.0]), K.variable([1.0, 4.0]))))
