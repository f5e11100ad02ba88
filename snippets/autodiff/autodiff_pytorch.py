"""Automatic differentiation in PyTorch: torch.autograd records every operation as it runs."""
import torch

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)

x = torch.tensor(3.0, device=device, requires_grad=True)  # (1)!
y = x**2 + 2 * x + 1
y.backward()  # (2)!
print("dy/dx at x=3:", x.grad.item())  # 2x + 2

c = torch.tensor(3.0, device=device, requires_grad=True)
print("d(c^3)/dc at c=3:", torch.autograd.grad(c**3, c)[0].item())

# the gradient of a loss with respect to a model's weights
features = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], device=device)
targets = torch.tensor([[1.0], [2.0]], device=device)
w = torch.full((3, 1), 0.1, device=device, requires_grad=True)
b = torch.zeros(1, device=device, requires_grad=True)
loss = ((features @ w + b - targets) ** 2).mean()
loss.backward()  # (3)!
print("loss:", round(loss.item(), 4))
print("dloss/dw:", [round(v, 4) for v in w.grad.ravel().tolist()])
print("dloss/db:", [round(v, 4) for v in b.grad.tolist()])

x = torch.tensor(3.0, device=device, requires_grad=True)
(dy,) = torch.autograd.grad(x**3, x, create_graph=True)  # (4)!
(d2y,) = torch.autograd.grad(dy, x)
print("first and second derivative of x^3 at x=3:", dy.item(), d2y.item())

with torch.no_grad():  # (5)!
    print("recorded inside no_grad:", (w * 2).requires_grad)
