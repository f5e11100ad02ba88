"""TensorFlow's data flow graph: tf.function traces Python into a graph, then runs the graph."""
import tensorflow as tf

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")


@tf.function  # (1)!
def scale(x):
    print("  tracing for", x.shape)  # (2)!
    if tf.reduce_sum(x) > 0:  # (3)!
        return x * 2.0
    return -x


print("call 1:", scale(tf.constant([1.0, 2.0])).numpy().tolist())
print("call 2:", scale(tf.constant([-3.0, 1.0])).numpy().tolist())  # same shape: no tracing
print("call 3:", scale(tf.constant([1.0, 2.0, 3.0])).numpy().tolist())  # new shape: traced again
print("traces so far:", scale.experimental_get_tracing_count())

concrete = scale.get_concrete_function(tf.TensorSpec([None], tf.float32))  # (4)!
graph = concrete.graph
print("graph inputs:", [t.name for t in graph.inputs])
print("graph operations:", [op.type for op in graph.get_operations()])  # (5)!
