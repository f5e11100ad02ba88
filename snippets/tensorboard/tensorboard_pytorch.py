"""TensorBoard logs from PyTorch: torch.utils.tensorboard.SummaryWriter writes event files."""
import os
import sys
import tempfile
from pathlib import Path

import torch
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch.utils.tensorboard import SummaryWriter

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)
torch.manual_seed(0)
logs = Path(tempfile.mkdtemp(prefix="tensorboard-pytorch-"))  # a new folder for the logs
print("logs in:", logs, file=sys.stderr)  # for `tensorboard --logdir`

writer = SummaryWriter(logs)  # (1)!
w = torch.tensor(5.0, device=device, requires_grad=True)
optimizer = torch.optim.SGD([w], lr=0.2)
for step in range(1, 6):
    loss = (w - 2.0) ** 2
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    writer.add_scalar("loss", loss.item(), step)  # (2)!
    writer.add_histogram("w", w.detach().repeat(10), step)
writer.close()  # (3)!

files = os.listdir(logs)
print("event files:", len(files), "| name starts with:", files[0].split(".")[0:3])
events = EventAccumulator(str(logs))  # (4)!
events.Reload()
print("tags:", sorted(events.Tags()["scalars"] + events.Tags()["histograms"]))
for e in events.Scalars("loss"):
    print(f"  step {e.step}  loss {e.value:.4f}")
