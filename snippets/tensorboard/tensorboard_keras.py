"""TensorBoard logs from Keras: the TensorBoard callback writes them during fit()."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import sys
import tempfile
from pathlib import Path

import keras
import numpy as np
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.util.tensor_util import make_ndarray

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)
keras.utils.set_random_seed(0)
logs = Path(tempfile.mkdtemp(prefix="tensorboard-keras-"))  # a new folder for the logs
print("logs in:", logs, file=sys.stderr)  # for `tensorboard --logdir`

rng = np.random.default_rng(0)
x = rng.normal(size=(128, 4)).astype("float32")
y = (x.sum(axis=1, keepdims=True) > 0).astype("float32")
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.SGD(0.5), loss="binary_crossentropy",
              metrics=["accuracy"])

tensorboard = keras.callbacks.TensorBoard(log_dir=logs)  # (1)!
model.fit(x, y, validation_split=0.25, epochs=5, batch_size=32, verbose=0,
          callbacks=[tensorboard])  # (2)!

print("log folders:", sorted(os.listdir(logs)))  # (3)!
for run in ("train", "validation"):
    events = EventAccumulator(str(logs / run))
    events.Reload()
    print(f"{run} tags:", sorted(events.Tags()["tensors"]))
    losses = [round(float(make_ndarray(e.tensor_proto)), 4) for e in events.Tensors("epoch_loss")]
    print(f"  epoch_loss by epoch: {losses}")
