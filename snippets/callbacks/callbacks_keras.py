"""Callbacks in Keras: EarlyStopping watches the validation loss, LearningRateScheduler sets
the learning rate at the start of each epoch."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import numpy as np

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)

# The same data in every tab: 32 points, 8 features, only 3 of which matter, plus noise.
# The last 8 points (25 %) are the validation set; 24 points overfit after a few epochs.
rng = np.random.default_rng(38)
x = rng.normal(size=(32, 8)).astype("float32")
y = (x @ np.array([1.0, -1.0, 0.5, 0, 0, 0, 0, 0]) + 0.5 * rng.normal(size=32)).astype("float32")

model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(1, kernel_initializer="zeros")])
model.compile(optimizer=keras.optimizers.SGD(), loss="mse")
schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.1 * 0.5 ** (epoch // 4))  # (1)!
early_stopping = keras.callbacks.EarlyStopping(  # (2)!
    monitor="val_loss", patience=3, restore_best_weights=True)
history = model.fit(x, y, validation_split=0.25, batch_size=24, epochs=100, shuffle=False,  # (3)!
                    callbacks=[schedule, early_stopping], verbose=0)

print("learning rates:", [round(lr, 4) for lr in history.history["learning_rate"]])
print("val losses:", [round(v, 4) for v in history.history["val_loss"]])
print("stopped after epoch:", len(history.history["loss"]),
      "| best epoch:", early_stopping.best_epoch + 1)
restored = model.evaluate(x[24:], y[24:], batch_size=8, verbose=0)  # (4)!
print("restored best val loss:", round(restored, 4))
print("restored weights give the best val loss:",
      bool(np.isclose(restored, min(history.history["val_loss"]), atol=1e-6)))
