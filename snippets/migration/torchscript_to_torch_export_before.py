"""TorchScript (torch.jit): PyTorch's way to save a model without its Python class."""
import torch


class Doubler(torch.nn.Module):
    def forward(self, x):
        return x * 2


scripted = torch.jit.script(Doubler())
scripted.save("doubler.pt")
loaded = torch.jit.load("doubler.pt")
print("result:", loaded(torch.tensor([1.0, 2.0])).tolist())
