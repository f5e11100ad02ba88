"""Defining a model in PyTorch: subclass torch.nn.Module, create layers, write forward()."""
import torch
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)
torch.manual_seed(0)


class MLP(nn.Module):  # (1)!
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 8)  # (2)!
        self.out = nn.Linear(8, 3)

    def forward(self, x):  # (3)!
        return self.out(torch.relu(self.hidden(x)))


model = MLP().to(device)
print("output shape:", tuple(model(torch.ones(2, 4, device=device)).shape))
for name, p in model.named_parameters():  # (4)!
    print(f"  {name:<18} {tuple(p.shape)}")
print("parameters:", sum(p.numel() for p in model.parameters()))
