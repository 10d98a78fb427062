#!/usr/bin/env python3
"""Times the reference tutorial's model compute on this machine, side by side with ./lenet5 bench.

The PyTorch tutorial's LeNet5 (BatchNorm, Adam 1e-3, batch 64, shuffled), trained on the 60,000
MNIST images pre-transformed once exactly as its transforms do (Pillow bilinear 28 -> 32,
normalized with 0.1307 / 0.3081), so the epoch time is the model's alone, like `./lenet5 bench`.

Usage (Debian: apt-get install --no-install-recommends python3-torch python3-pil
libopenblas0-pthread):
    /usr/bin/python3 docs/tools/reference_epoch.py ~/.lenet5/datasets/mnist [epochs [threads [seed]]]
"""
import resource
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
from PIL import Image


def load(path, kind):
    images = open('%s/%s-images-idx3-ubyte' % (path, kind), 'rb').read()
    labels = open('%s/%s-labels-idx1-ubyte' % (path, kind), 'rb').read()
    count = struct.unpack('>I', images[4:8])[0]
    out = np.empty((count, 1, 32, 32), dtype=np.float32)
    for i in range(count):
        image = Image.frombytes('L', (28, 28), images[16 + i * 784:16 + (i + 1) * 784])
        pixels = np.frombuffer(image.resize((32, 32), Image.BILINEAR).tobytes(), dtype=np.uint8)
        out[i, 0] = (pixels.reshape(32, 32).astype(np.float32) / 255 - 0.1307) / 0.3081
    return torch.from_numpy(out), torch.from_numpy(np.frombuffer(labels[8:], dtype=np.uint8).astype(np.int64))


class ConvNeuralNet(nn.Module):
    """The tutorial's network."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.layer1 = nn.Sequential(nn.Conv2d(1, 6, 5), nn.BatchNorm2d(6), nn.ReLU(), nn.MaxPool2d(2, 2))
        self.layer2 = nn.Sequential(nn.Conv2d(6, 16, 5), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2, 2))
        self.fc = nn.Linear(400, 120)
        self.relu = nn.ReLU()
        self.fc1 = nn.Linear(120, 84)
        self.relu1 = nn.ReLU()
        self.fc2 = nn.Linear(84, num_classes)

    def forward(self, x):
        out = self.layer2(self.layer1(x)).reshape(x.size(0), -1)
        return self.fc2(self.relu1(self.fc1(self.relu(self.fc(out)))))


def main():
    path = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    if len(sys.argv) > 3 and int(sys.argv[3]) > 0:
        torch.set_num_threads(int(sys.argv[3]))
    torch.manual_seed(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    train_x, train_y = load(path, 'train')
    test_x, test_y = load(path, 't10k')
    model = ConvNeuralNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()
    print('PyTorch %s, %d threads' % (torch.__version__, torch.get_num_threads()))
    for epoch in range(1, epochs + 1):
        model.train()
        order = torch.randperm(len(train_x))
        start = time.perf_counter()
        for first in range(0, len(train_x), 64):
            batch = order[first:first + 64]
            loss = loss_fn(model(train_x[batch]), train_y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        seconds = time.perf_counter() - start
        model.eval()
        with torch.no_grad():
            correct = sum((model(test_x[i:i + 1000]).argmax(1) == test_y[i:i + 1000]).sum().item()
                          for i in range(0, len(test_x), 1000))
        print('epoch %d: %.1f s (%.0f images/s), test accuracy %.2f %%'
              % (epoch, seconds, len(train_x) / seconds, correct / 100))
    print('peak RSS %.0f MB' % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


if __name__ == '__main__':
    main()
