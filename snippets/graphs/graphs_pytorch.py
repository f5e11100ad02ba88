"""PyTorch builds its graph while the code runs (define-by-run); torch.compile captures it."""
import torch

device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
print("device:", device)


def scale(x):
    if x.sum() > 0:  # (1)!
        return x * 2.0
    return -x


print("eager 1:", scale(torch.tensor([1.0, 2.0], device=device)).tolist())
print("eager 2:", scale(torch.tensor([-3.0, 1.0], device=device)).tolist())

x = torch.tensor([1.0, 2.0], device=device, requires_grad=True)
y = scale(x)
parents = [f.name() for f, _ in y.grad_fn.next_functions if f is not None]
print("graph recorded by autograd:", y.grad_fn.name(), "<-", parents)  # (2)!

captured = []


def show_graph(gm: torch.fx.GraphModule, example_inputs):  # (3)!
    captured.append(gm)
    ops = [node.name for node in gm.graph.nodes if node.op in ("call_function", "call_method")]
    print(f"  captured graph {len(captured)}: {ops}")
    return gm.forward  # run the captured graph as it is


compiled = torch.compile(scale, backend=show_graph)  # (4)!
print("compiled 1:", compiled(torch.tensor([1.0, 2.0], device=device)).tolist())
print("compiled 2:", compiled(torch.tensor([-3.0, 1.0], device=device)).tolist())
print("graphs captured:", len(captured))  # (5)!
