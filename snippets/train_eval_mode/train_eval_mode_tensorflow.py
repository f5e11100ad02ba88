"""Training and inference mode in TensorFlow: dropout and batch norm written with tf.nn and tf.Module."""
import numpy as np
import tensorflow as tf

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")
tf.random.set_seed(0)

ones = tf.ones((1, 8))
rng = np.random.default_rng(0)  # a batch of 16 samples with 3 features, the same in every tab
x = rng.normal(loc=[1.0, 2.0, 3.0], scale=[0.5, 1.0, 2.0], size=(16, 3)).astype("float32")


class Dropout(tf.Module):
    def __init__(self, rate, name=None):
        super().__init__(name=name)
        self.rate = rate

    def __call__(self, x, training=False):
        if not training:
            return x  # inference: nothing dropped, nothing scaled
        return tf.nn.dropout(x, rate=self.rate)  # (1)!


class BatchNorm(tf.Module):
    def __init__(self, n, momentum=0.9, epsilon=1e-5, name=None):
        super().__init__(name=name)
        self.momentum, self.epsilon = momentum, epsilon
        self.gamma = tf.Variable(tf.ones(n), name="gamma")
        self.beta = tf.Variable(tf.zeros(n), name="beta")
        self.moving_mean = tf.Variable(tf.zeros(n), trainable=False, name="moving_mean")  # (2)!
        self.moving_variance = tf.Variable(tf.ones(n), trainable=False, name="moving_variance")

    def __call__(self, x, training=False):
        if training:
            mean, variance = tf.nn.moments(x, axes=[0])  # (3)!
            m = self.momentum
            self.moving_mean.assign(m * self.moving_mean + (1 - m) * mean)
            self.moving_variance.assign(m * self.moving_variance + (1 - m) * variance)
        else:
            mean, variance = self.moving_mean, self.moving_variance
        return tf.nn.batch_normalization(x, mean, variance, self.beta, self.gamma, self.epsilon)


dropout = Dropout(0.5)
norm = BatchNorm(3, momentum=0.9, epsilon=1e-5)

# Training mode
d1 = dropout(ones, training=True).numpy()
d2 = dropout(ones, training=True).numpy()
y_train = norm(x, training=True).numpy()

# Inference mode
i1 = dropout(ones, training=False).numpy()
i2 = dropout(ones).numpy()
y_infer = norm(x, training=False).numpy()  # (4)!

print("dropout, training call 1:", d1[0].tolist())
print("dropout, training call 2:", d2[0].tolist())
print("dropout, inference:", i1[0].tolist())
print("values in training mode:", sorted(set(d1.ravel().tolist() + d2.ravel().tolist())))
print("training calls differ:", not np.array_equal(d1, d2))
print("inference is deterministic:", np.array_equal(i1, i2) and np.array_equal(i1, ones.numpy()))

moving_mean = norm.moving_mean.numpy()
moving_var = norm.moving_variance.numpy()
print("batch mean:", [round(v, 4) for v in x.mean(axis=0).tolist()])
print("moving mean after one training call:", [round(v, 4) for v in moving_mean.tolist()])
print("moving variance after one training call:", [round(v, 4) for v in moving_var.tolist()])
batch_stats = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + 1e-5)
moving_stats = (x - moving_mean) / np.sqrt(moving_var + 1e-5)
print("training uses batch statistics:", np.allclose(y_train, batch_stats, atol=1e-4))
print("inference uses moving statistics:", np.allclose(y_infer, moving_stats, atol=1e-4))
