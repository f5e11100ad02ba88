"""Compilation in Keras: compile(jit_compile=True) compiles the train and predict steps."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras
import numpy as np

print("backend:", keras.backend.backend(), "| device:", keras.ops.zeros(1).device)

# The same data and starting weights in every tab: 16 features -> 8 ReLU units -> 1 output
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 16)).astype("float32")
y = (x[:, :1] - 0.5 * x[:, 1:2]).astype("float32")
w1, w2 = (0.3 * rng.normal(size=s).astype("float32") for s in ((16, 8), (8, 1)))


def build(**compile_args):
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1)])
    model.set_weights([w1, np.zeros(8, "float32"), w2, np.zeros(1, "float32")])
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse", **compile_args)
    return model


eager = build(run_eagerly=True)  # (1)!
compiled = build(jit_compile=True)  # (2)!
print("jit_compile:", compiled.jit_compile)
losses = {}
for name, model in (("eager", eager), ("compiled", compiled)):
    history = model.fit(x, y, batch_size=16, epochs=3, shuffle=False, verbose=0)
    losses[name] = history.history["loss"]
print("losses:", [round(v, 4) for v in losses["compiled"]])
same_weights = all(np.allclose(a, b, atol=1e-3)
                   for a, b in zip(compiled.get_weights(), eager.get_weights(), strict=True))
print("compiled matches eager:", np.allclose(losses["compiled"], losses["eager"], atol=1e-3)
      and same_weights)
