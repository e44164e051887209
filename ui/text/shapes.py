"""Strings of the recurrent layer APIs and shapes page."""

STRINGS = {
    "shapes.title": ("Recurrent layer APIs and shapes", "循环层 API 与张量形状"),
    "shapes.intro": (
        "Pick a PyTorch recurrent module and its sizes. The page builds the real module, "
        "pushes a random tensor through it and shows the shapes torch actually returns: "
        "what goes in, what comes out, and every weight matrix.",
        "选择一个 PyTorch 循环模块并设定各项尺寸。本页会真正创建这个模块，"
        "把一个随机张量送进去，然后展示 torch 实际返回的形状："
        "输入什么、输出什么，以及每一个权重矩阵。",
    ),
    "shapes.controls": ("Module", "模块"),
    "shapes.cell": ("Module type", "模块类型"),
    "shapes.cell.help": (
        "RNN, LSTM and GRU process a whole sequence (and can stack layers and run both "
        "directions); the …Cell versions take one time step per call.",
        "RNN、LSTM 和 GRU 一次处理整个序列（还可以堆叠多层、双向运行）；"
        "带 Cell 的版本每次调用只处理一个时间步。",
    ),
    # Short labels (the code's own names) keep the inputs in one line; the help says more.
    "shapes.input_size": ("input_size", "input_size"),
    "shapes.hidden_size": ("hidden_size", "hidden_size"),
    "shapes.num_layers": ("num_layers", "num_layers"),
    "shapes.batch": ("batch", "批量"),
    "shapes.seq_len": ("seq_len", "序列长度"),
    "shapes.batch_first": ("batch_first", "batch_first"),
    "shapes.bidirectional": ("bidirectional", "bidirectional"),
    "shapes.input_size.help": (
        "Features per time step: the last dimension of x. A whole number from 1 to {limit}.",
        "每个时间步的特征数，即 x 的最后一维。1 到 {limit} 之间的整数。",
    ),
    "shapes.hidden_size.help": (
        "Hidden units per layer and direction. A whole number from 1 to {limit}.",
        "每层、每个方向的隐藏单元数。1 到 {limit} 之间的整数。",
    ),
    "shapes.num_layers.help": (
        "Stacked layers, counted from 1; torch names them l0, l1, … (layer 1 is l0). A whole "
        "number from 1 to {limit}.",
        "堆叠的层数，从 1 开始数；torch 把它们命名为 l0、l1 …（第 1 层是 l0）。"
        "1 到 {limit} 之间的整数。",
    ),
    "shapes.batch.help": (
        "Sequences processed at once (batch). A whole number from 1 to {limit}.",
        "一次处理的序列条数（batch）。1 到 {limit} 之间的整数。",
    ),
    "shapes.seq_len.help": (
        "Time steps per sequence. A whole number from 1 to {limit}.",
        "每条序列的时间步数。1 到 {limit} 之间的整数。",
    ),
    "shapes.batch_first.help": (
        "`batch_first=True`: x and out have the batch dimension first.",
        "`batch_first=True`：x 和 out 的第一维是批量维。",
    ),
    "shapes.bidirectional.help": (
        "`bidirectional=True`: a second set of layers reads the sequence backwards.",
        "`bidirectional=True`：另一组层从后往前读序列（双向）。",
    ),
    "shapes.cell_note": (
        "A cell has no layers, no directions and no `batch_first`: you call it once per "
        "time step and stack cells yourself (see the last section).",
        "单元（Cell）没有层数、方向和 `batch_first` 的概念：每个时间步调用一次，"
        "需要多层时自己把单元堆起来（见最后一节）。",
    ),
    "shapes.error.integer": (
        "{field}: “{value}” is not a whole number.",
        "{field}：“{value}”不是整数。",
    ),
    "shapes.error.small": (
        "{field}: {value} is too small; it must be at least 1.",
        "{field}：{value} 太小，至少应为 1。",
    ),
    "shapes.error.large": (
        "{field}: {value} is larger than this page allows ({limit}).",
        "{field}：{value} 超过了本页允许的上限（{limit}）。",
    ),
    "shapes.error.parameters": (
        "Parameter count: these sizes need {value:,} parameters, more than this page "
        "builds ({limit:,}). Make hidden_size, input_size or num_layers smaller.",
        "参数量：这些尺寸需要 {value:,} 个参数，超过了本页允许创建的上限（{limit:,}）。"
        "请减小 hidden_size、input_size 或 num_layers。",
    ),
    "shapes.error.elements": (
        "Tensor size: the input or output tensor would hold {value:,} numbers, more than "
        "this page allocates ({limit:,}). Make batch, sequence length or the sizes smaller.",
        "张量大小：输入或输出张量将包含 {value:,} 个数，超过了本页允许分配的上限（{limit:,}）。"
        "请减小 batch、序列长度或各项尺寸。",
    ),
    "shapes.error.keep": (
        "Fix the sizes above to see the shapes; the section on stacked cells below still works.",
        "请先修正上面的尺寸才能看到形状；下面关于堆叠单元的部分仍然可用。",
    ),
    "shapes.metric.parameters": ("Parameters", "参数量"),
    "shapes.metric.tensors": ("Weight and bias tensors", "权重与偏置张量个数"),
    "shapes.metric.rows": ("Rows of h_n (layers × directions)", "h_n 的行数（层数 × 方向数）"),
    "shapes.tensors.header": ("What goes in and what comes out", "输入什么，输出什么"),
    "shapes.diagram.in": ("handed to the module", "传给模块"),
    "shapes.diagram.out": ("returned by the module", "模块返回"),
    "shapes.read.diagram": (
        "each box is one tensor with its shape and what each dimension counts; the grey "
        "box is the module. Blue boxes go in, orange boxes come out.{numbers}",
        "每个方框是一个张量，标出了它的形状和每个维度的含义；灰色方框是模块本身。"
        "蓝色方框是输入，橙色方框是输出。{numbers}",
    ),
    "shapes.read.diagram.numbers": (
        " Here {inputs} go in and {outputs} come out.",
        "这里输入 {inputs}，输出 {outputs}。",
    ),
    "shapes.read.separator": (" and ", "、"),
    "shapes.dim.seq": ("seq", "序列长度"),
    "shapes.dim.batch": ("batch", "批量"),
    "shapes.dim.input": ("input_size", "输入特征"),
    "shapes.dim.hidden": ("hidden_size", "隐藏单元"),
    "shapes.dim.dirs_hidden": ("directions × hidden_size", "方向数 × 隐藏单元"),
    "shapes.dim.layers_dirs": ("layers × directions", "层数 × 方向数"),
    "shapes.dim.separator": (", ", "，"),
    "shapes.col.tensor": ("tensor", "张量"),
    "shapes.col.shape": ("shape", "形状"),
    "shapes.col.dims": ("dimensions", "各维含义"),
    "shapes.col.name": ("name", "名称"),
    "shapes.col.count": ("parameters", "参数个数"),
    "shapes.col.layer": ("layer", "层"),
    "shapes.layer": ("layer {number} ({name})", "第 {number} 层（{name}）"),
    "shapes.col.direction": ("direction", "方向"),
    "shapes.direction.forward": ("→ forward", "→ 前向"),
    "shapes.direction.backward": ("← backward", "← 后向"),
    "shapes.tensors.title": ("The tensors", "张量"),
    "shapes.code": ("The code that produced these shapes", "得到这些形状的代码"),
    "shapes.code.sequence": ("the sequence, fed one step at a time", "整个序列，每次送入一步"),
    "shapes.note.batch_first": (
        "`batch_first=True` swaps the first two dimensions of x and out only; h0 and h_n "
        "always keep (num_layers × num_directions, batch, hidden_size).",
        "`batch_first=True` 只交换 x 和 out 的前两个维度；h0 和 h_n 的形状始终是 "
        "(num_layers × num_directions, batch, hidden_size)。",
    ),
    "shapes.note.bidirectional": (
        "Bidirectional: out concatenates the forward and backward state of each step "
        "(last dimension 2 × hidden_size), and h_n has 2 × num_layers rows.",
        "双向：out 把每一步的前向状态和后向状态拼接起来（最后一维是 2 × hidden_size），"
        "h_n 有 2 × num_layers 行。",
    ),
    "shapes.note.cell": (
        "A cell returns only the new state of one step, (batch, hidden_size); to get the "
        "whole sequence you loop over time and collect the states.",
        "单元只返回一个时间步的新状态，形状为 (batch, hidden_size)；要得到整个序列，"
        "需要按时间循环并收集每一步的状态。",
    ),
    "shapes.slices.header": ("Which part of out is h_n?", "out 的哪一部分就是 h_n？"),
    "shapes.slices.out": ("slice of out", "out 的切片"),
    "shapes.slices.h_n": ("row of h_n", "h_n 的行"),
    "shapes.slices.note": (
        "out holds every step of the last layer only; h_n holds the last step of every "
        "layer. The forward direction ends at the final step (index −1), the backward "
        "direction (reading from the end) at the first one (index 0). Differences measured "
        "on this run.",
        "out 只包含最后一层在每个时间步的输出；h_n 包含每一层在最后一步的状态。"
        "前向在最后一个时间步（下标 −1）结束，后向（从序列末尾往前读）在第一个时间步"
        "（下标 0）结束。差值是在本次运行中实测的。",
    ),
    "shapes.grid.header": ("Layers and directions", "层与方向"),
    "shapes.grid.count": ("parameters", "参数个数"),
    "shapes.grid.x": ("direction", "方向"),
    "shapes.grid.y": ("layer (layer 1 reads x)", "层（第 1 层读入 x）"),
    "shapes.read.grid": (
        "one cell per layer and direction: which row of h_n holds its last state and the "
        "shapes of its weights. Layer 1 (l0) reads x (input_size columns); every higher "
        "layer reads the layer below ({width} columns). Darker cells hold more parameters."
        "{numbers}",
        "每个格子对应一层的一个方向：它的最终状态存放在 h_n 的哪一行，以及它的权重形状。"
        "第 1 层（l0）读入 x（input_size 列）；更高的层读入下一层的输出（{width} 列）。"
        "颜色越深，参数越多。{numbers}",
    ),
    "shapes.read.grid.numbers": (
        " Here each direction of layer 1 (l0) holds {first} parameters{higher}.",
        "这里第 1 层（l0）每个方向有 {first} 个参数{higher}。",
    ),
    "shapes.read.grid.higher": (", each direction of a higher layer {count}",
                                "，更高各层每个方向有 {count} 个"),
    "shapes.params.header": ("Every parameter", "全部参数"),
    "shapes.params.note": (
        "Each weight matrix of {kind} stacks {blocks}, so its first dimension is "
        "{gates} × hidden_size = {rows}. torch keeps two biases, bias_ih and bias_hh; "
        "they are simply added.",
        "{kind} 的每个权重矩阵里堆叠了{blocks}，所以它的第一维是 "
        "{gates} × hidden_size = {rows}。torch 保留两个偏置 bias_ih 和 bias_hh，二者直接相加。",
    ),
    "shapes.blocks.RNN": ("one block (the plain recurrence)", "一个权重块（普通的循环）"),
    "shapes.blocks.LSTM": (
        "4 blocks: input, forget, cell-candidate and output gates (i, f, g, o)",
        "4 个权重块：输入门、遗忘门、候选记忆和输出门（i, f, g, o）",
    ),
    "shapes.blocks.GRU": (
        "3 blocks: reset, update and new-state gates (r, z, n)",
        "3 个权重块：重置门、更新门和候选状态（r, z, n）",
    ),
    "shapes.stack.header": ("Stacked RNNCells = a multi-layer RNN", "堆叠的 RNNCell = 多层 RNN"),
    "shapes.stack.intro": (
        "Two cells stepped by hand: at every time step, the h of layer 1 (l0) is the input "
        "of layer 2 (l1). The same weights copied into torch's layer modules give the same "
        "outputs. nn.RNN has one hidden_size for all its layers, so the course material's "
        "example (section 6), a 100 → 30 → 20 stack, is compared with two chained one-layer "
        "modules, and a 100 → 20 → 20 stack with one nn.RNN(num_layers=2).",
        "手动逐步运行两个单元：每个时间步，第 1 层（l0）的 h 就是第 2 层（l1）的输入。"
        "把同样的权重复制到 torch 的层模块里，得到的输出完全相同。nn.RNN 的所有层共用一个 "
        "hidden_size，所以课程原版示例（第 6 节）中 100 → 30 → 20 的堆叠与两个串联的"
        "单层模块比较，而 100 → 20 → 20 的堆叠与一个 nn.RNN(num_layers=2) 比较。",
    ),
    "shapes.stack.title": ("Cells against torch's modules", "单元与 torch 模块的对比"),
    "shapes.stack.cells": ("cells (input → hidden)", "单元（输入 → 隐藏）"),
    "shapes.stack.states": ("h of each cell", "各单元的 h"),
    "shapes.stack.module": ("compared with", "对比模块"),
    "shapes.stack.out": ("output sequence", "输出序列"),
    "shapes.stack.diff": ("largest |difference|", "最大绝对差"),
    "shapes.stack.read": (
        "x is (10, 3, 100): 10 steps of a batch of 3. A largest difference around 10⁻⁷ is "
        "float32 rounding: the two computations are the same.",
        "x 的形状是 (10, 3, 100)：10 个时间步、批量为 3。最大差值在 10⁻⁷ 左右只是 float32 的"
        "舍入误差：两种计算其实完全相同。",
    ),
}
