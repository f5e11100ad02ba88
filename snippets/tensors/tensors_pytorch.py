"""Tensors in PyTorch: create, inspect, compute, convert to and from NumPy, place."""
import numpy as np
import torch

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")  # (1)!
print("device:", device)

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])  # (2)!
print("shape:", tuple(x.shape), "| dtype:", x.dtype)
print("zeros:", torch.zeros((2, 3), dtype=torch.int32).tolist())
print("x * 2 + 1:", (x * 2 + 1).tolist())
print("x @ x:", (x @ x).tolist())
print("sum:", x.sum().item(), "| mean:", x.mean().item())
print("float32 -> int64:", x.to(torch.int64).dtype)

a = np.arange(6, dtype=np.float32).reshape(2, 3)
t = torch.from_numpy(a)  # (3)!
a[0, 0] = 100.0  # same memory: the tensor sees the change
print("from NumPy:", t.dtype, tuple(t.shape), "| t[0, 0] =", t[0, 0].item())
back = (t + 1).numpy()
print("to NumPy:", type(back).__name__, back.dtype, back.tolist())

y = x.to(device) @ x.to(device)  # (4)!
print("placed on:", y.device)
print("back on the CPU:", y.cpu().numpy().tolist())  # (5)!
