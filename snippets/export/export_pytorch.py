"""Export for deployment in PyTorch: torch.export captures a full graph (an ExportedProgram)
that can be saved, loaded without the Python class, and handed to other runtimes."""
import tempfile
from pathlib import Path

import numpy as np
import torch
from torch import nn

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)
# the same starting weights in all three tabs, so the probabilities can be compared
rng = np.random.default_rng(0)
w0 = rng.normal(scale=0.5, size=(4, 3)).astype("float32")
x = rng.normal(size=(2, 4)).astype("float32")
folder = Path(tempfile.mkdtemp(prefix="export-pytorch-"))  # a new folder for the files it writes


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(4, 3)

    def forward(self, features):
        return torch.softmax(self.linear(features), dim=-1)


model = Classifier().eval()
with torch.no_grad():
    model.linear.weight.copy_(torch.from_numpy(w0.T))  # nn.Linear keeps (out, in)
    model.linear.bias.zero_()
model = model.to(device)
x = torch.from_numpy(x).to(device)
with torch.no_grad():
    expected = model(x)

batch = torch.export.Dim("batch")  # (1)!
program = torch.export.export(model, (x,), dynamic_shapes={"features": {0: batch}})  # (2)!
print("graph ops:", [n.target.__name__ for n in program.graph.nodes if n.op == "call_function"])
torch.export.save(program, folder / "classifier.pt2")  # (3)!

loaded = torch.export.load(folder / "classifier.pt2").module()  # (4)!
print("matches:", torch.allclose(loaded(x), expected, atol=1e-6))
print("another batch size:", tuple(loaded(torch.ones(5, 4, device=device)).shape))
print("probabilities:", [[round(p, 3) for p in row] for row in expected.tolist()])
