"""TensorBoard logs from TensorFlow: tf.summary writes event files; we read them back."""
import os
import sys
import tempfile
from pathlib import Path

import tensorflow as tf
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

print("device:", "GPU" if tf.config.list_physical_devices("GPU") else "CPU")
tf.random.set_seed(0)
logs = Path(tempfile.mkdtemp(prefix="tensorboard-tensorflow-"))  # a new folder for the logs
print("logs in:", logs, file=sys.stderr)  # for `tensorboard --logdir`

writer = tf.summary.create_file_writer(str(logs))  # (1)!
w = tf.Variable(5.0)
with writer.as_default():  # (2)!
    for step in range(1, 6):
        with tf.GradientTape() as tape:
            loss = (w - 2.0) ** 2
        w.assign_sub(0.2 * tape.gradient(loss, w))
        tf.summary.scalar("loss", loss, step=step)  # (3)!
        tf.summary.histogram("w", tf.fill((10,), w), step=step)
writer.close()

files = os.listdir(logs)
print("event files:", len(files), "| name starts with:", files[0].split(".")[0:3])
events = EventAccumulator(str(logs))  # (4)!
events.Reload()
print("tags:", sorted(events.Tags()["tensors"]))
for e in events.Tensors("loss"):
    print(f"  step {e.step}  loss {float(tf.make_ndarray(e.tensor_proto)):.4f}")
