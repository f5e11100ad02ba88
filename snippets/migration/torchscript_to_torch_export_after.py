"""torch.export: capture the whole graph ahead of time, save it, load it without the class."""
import torch


class Doubler(torch.nn.Module):
    def forward(self, x):
        return x * 2


program = torch.export.export(Doubler(), (torch.ones(2),))
torch.export.save(program, "doubler.pt2")
loaded = torch.export.load("doubler.pt2").module()
print("result:", loaded(torch.tensor([1.0, 2.0])).tolist())
