"""TensorFlow 1.x style: define a graph with a placeholder first, then run it in a session."""
import tensorflow as tf

x = tf.placeholder(tf.float32, shape=[None, 2])  # TF 1.x: an input slot of the graph
y = tf.reduce_sum(x * 2.0, axis=1)
with tf.Session() as session:
    print(session.run(y, feed_dict={x: [[1.0, 2.0], [3.0, 4.0]]}))
