"""Convert a function to a .tflite flatbuffer and run it with tf.lite.Interpreter."""
import numpy as np
import tensorflow as tf


class Doubler(tf.Module):
    @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    def serve(self, x):
        return {"y": x * 2.0}


model = Doubler()
converter = tf.lite.TFLiteConverter.from_concrete_functions(
    [model.serve.get_concrete_function()], model)
interpreter = tf.lite.Interpreter(model_content=converter.convert())
runner = interpreter.get_signature_runner()
print("result:", runner(x=np.array([[1.0, 2.0]], np.float32))["y"].tolist())
