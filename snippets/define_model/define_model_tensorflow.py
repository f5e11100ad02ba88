"""Defining a model in TensorFlow: a tf.Module owns its variables and sub-modules."""
import tensorflow as tf

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")
tf.random.set_seed(0)


class Dense(tf.Module):  # (1)!
    def __init__(self, in_features, out_features, activation=None, name=None):
        super().__init__(name=name)
        with self.name_scope:  # (2)!
            self.w = tf.Variable(tf.random.normal((in_features, out_features), stddev=0.1),
                                 name="w")
            self.b = tf.Variable(tf.zeros((out_features,)), name="b")
        self.activation = activation

    def __call__(self, x):
        y = x @ self.w + self.b
        return self.activation(y) if self.activation else y


class MLP(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.hidden = Dense(4, 8, activation=tf.nn.relu, name="hidden")
        self.out = Dense(8, 3, name="out")

    @tf.function  # (3)!
    def __call__(self, x):
        return self.out(self.hidden(x))


model = MLP(name="mlp")
print("output shape:", model(tf.ones((2, 4))).shape)
for v in model.trainable_variables:  # (4)!
    print(f"  {v.name:<12} {v.shape}")
print("parameters:", sum(int(tf.size(v)) for v in model.trainable_variables))
