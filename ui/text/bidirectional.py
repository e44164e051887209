"""Strings of the bidirectional RNN page."""

STRINGS = {
    "bidirectional.title": ("Bidirectional RNN: reading both ways", "双向 RNN：从两个方向读序列"),
    "bidirectional.intro": (
        "A bidirectional RNN is two RNNs with their own weights over the same sequence: the "
        "**forward** one reads from the first step to the last, the **backward** one from the "
        "last to the first. At every step the output is the two states side by side, so it "
        "knows about both the past and the future of that step. The same holds for gated "
        "cells: a bidirectional GRU or LSTM is two GRUs or LSTMs. Below, both directions are "
        "computed by hand, then the same numbers are taken from torch's module "
        "(`nn.RNN`, `nn.GRU` or `nn.LSTM` with `bidirectional=True`) with the same weights "
        "and compared.",
        "双向 RNN 是两个各有权重的 RNN 作用在同一个序列上：**前向** RNN 从第一步读到最后一步，"
        "**后向** RNN 从最后一步读回第一步。每一步的输出是两个状态拼在一起，因此它同时了解"
        "这一步之前和之后的内容。门控单元也一样：双向 GRU 或 LSTM 就是两个 GRU 或 LSTM。"
        "下面先手工算出两个方向，再用相同权重的 torch 模块（`bidirectional=True` 的 "
        "`nn.RNN`、`nn.GRU` 或 `nn.LSTM`）算一遍并逐一比较。",
    ),
    "bidirectional.input.header": ("1 · The sequence", "1 · 输入序列"),
    "bidirectional.kind": ("Type", "输入类型"),
    "bidirectional.kind.numbers": ("Numbers", "数值"),
    "bidirectional.kind.characters": ("Characters", "字符"),
    "bidirectional.sequence.numbers": ("Numbers (commas or spaces)", "数值（用逗号或空格分隔）"),
    "bidirectional.sequence.characters": ("Characters", "字符"),
    "bidirectional.sequence.help.numbers": (
        "At most {steps} numbers between −{limit:g} and {limit:g}, separated by commas or "
        "spaces; each number is one step.",
        "最多 {steps} 个数，每个在 −{limit:g} 到 {limit:g} 之间，"
        "用逗号（中英文均可）、顿号或空格分隔；每个数是一步。",
    ),
    "bidirectional.sequence.help.characters": (
        "At most {steps} characters; each is one step, a one-hot vector over the distinct "
        "characters typed.",
        "最多 {steps} 个字符；每个字符是一步，会变成一个独热向量，维度等于输入中不同字符的个数。",
    ),
    "bidirectional.steps": ("{steps} of at most {limit} steps. ",
                            "共 {steps} 步（最多 {limit} 步）。"),
    "bidirectional.list_separator": (", ", "、"),
    "bidirectional.cell": ("Cell", "单元"),
    "bidirectional.cell.rnn": ("RNN", "RNN"),
    "bidirectional.cell.gru": ("GRU", "GRU"),
    "bidirectional.cell.lstm": ("LSTM", "LSTM"),
    "bidirectional.cell.help": (
        "The cell of each direction: a plain tanh RNN, a GRU or an LSTM (`nn.RNN`, `nn.GRU` "
        "or `nn.LSTM` with `bidirectional=True`).",
        "每个方向所用的单元：普通的 tanh RNN、GRU 或 LSTM（即 `bidirectional=True` 的 "
        "`nn.RNN`、`nn.GRU` 或 `nn.LSTM`）。",
    ),
    "bidirectional.hidden": ("Hidden size H", "隐藏层大小 H"),
    "bidirectional.layers": ("Layers", "层数"),
    "bidirectional.layers.help": (
        "How many layers are stacked, counted from 1: layer 1 reads x, and each higher layer "
        "reads the concatenated outputs of the one below. torch names them from 0: layer 1 is "
        "l0 (weight_ih_l0 …), layer 2 is l1. h_n gets two rows per layer.",
        "堆叠的层数，从 1 开始数：第 1 层读入 x，更高的每一层读入下一层拼接后的输出。"
        "torch 从 0 开始给层命名：第 1 层是 l0（weight_ih_l0 …），第 2 层是 l1。"
        "h_n 每层有两行。",
    ),
    "bidirectional.layer": ("layer {number} ({name})", "第 {number} 层（{name}）"),
    "bidirectional.seed": ("Weight seed", "权重随机种子"),
    "bidirectional.seed.help": (
        "The weights are PyTorch's default random initialisation from this seed (no training).",
        "权重是用这个种子生成的 PyTorch 默认随机初始化（不训练）。",
    ),
    "bidirectional.field.numbers": ("Numbers", "数值"),
    "bidirectional.field.entry": ("Numbers, entry {n}", "数值第 {n} 项"),
    "bidirectional.field.characters": ("Characters", "字符"),
    "bidirectional.error.too_long": (
        "{field}: {value} steps is too many; at most {limit} are allowed.",
        "{field}：{value} 步太多了，最多允许 {limit} 步。",
    ),
    "bidirectional.error.empty": (
        "{field}: type at least one value.",
        "{field}：请至少输入一个值。",
    ),
    "bidirectional.encoding.numbers": (
        "Input size 1: step t feeds the single number x_t.",
        "输入大小为 1：第 t 步输入一个数 x_t。",
    ),
    "bidirectional.encoding.characters": (
        "Input size {size}: one-hot over the characters {chars}.",
        "输入大小为 {size}：在字符 {chars} 上做独热编码。",
    ),
    "bidirectional.states.header": ("2 · The two directions, step by step",
                                    "2 · 两个方向的逐步计算"),
    "bidirectional.formula.rnn": (
        "forward:  h→_t = tanh(W→ x_t + b→_ih + U→ h→_(t−1) + b→_hh),  t = 1 … T\n"
        "backward: h←_t = tanh(W← x_t + b←_ih + U← h←_(t+1) + b←_hh),  t = T … 1\n"
        "output:   out_t = [h→_t , h←_t]",
        "前向：h→_t = tanh(W→ x_t + b→_ih + U→ h→_(t−1) + b→_hh)，t = 1 … T\n"
        "后向：h←_t = tanh(W← x_t + b←_ih + U← h←_(t+1) + b←_hh)，t = T … 1\n"
        "输出：out_t = [h→_t , h←_t]",
    ),
    "bidirectional.formula.gru": (
        "each direction, with its own weights (h_prev = h_(t−1) forward, h_(t+1) backward):\n"
        "  r = σ(W_r x_t + b_ir + U_r h_prev + b_hr)      reset gate\n"
        "  z = σ(W_z x_t + b_iz + U_z h_prev + b_hz)      update gate\n"
        "  n = tanh(W_n x_t + b_in + r ⊙ (U_n h_prev + b_hn))\n"
        "  h_t = (1 − z) ⊙ n + z ⊙ h_prev\n"
        "forward reads t = 1 … T, backward t = T … 1;  out_t = [h→_t , h←_t]",
        "每个方向各有自己的权重（h_prev 在前向是 h_(t−1)，在后向是 h_(t+1)）：\n"
        "  r = σ(W_r x_t + b_ir + U_r h_prev + b_hr)      重置门\n"
        "  z = σ(W_z x_t + b_iz + U_z h_prev + b_hz)      更新门\n"
        "  n = tanh(W_n x_t + b_in + r ⊙ (U_n h_prev + b_hn))\n"
        "  h_t = (1 − z) ⊙ n + z ⊙ h_prev\n"
        "前向按 t = 1 … T 读，后向按 t = T … 1 读；out_t = [h→_t , h←_t]",
    ),
    "bidirectional.formula.lstm": (
        "each direction, with its own weights (h_prev, c_prev: step t−1 forward, t+1 backward):\n"
        "  i, f, o = σ(W_· x_t + b_i· + U_· h_prev + b_h·)   input, forget, output gates\n"
        "  g = tanh(W_g x_t + b_ig + U_g h_prev + b_hg)     candidate\n"
        "  c_t = f ⊙ c_prev + i ⊙ g,   h_t = o ⊙ tanh(c_t)\n"
        "forward reads t = 1 … T, backward t = T … 1;  out_t = [h→_t , h←_t]",
        "每个方向各有自己的权重（h_prev、c_prev 在前向是第 t−1 步，在后向是第 t+1 步）：\n"
        "  i, f, o = σ(W_· x_t + b_i· + U_· h_prev + b_h·)   输入门、遗忘门、输出门\n"
        "  g = tanh(W_g x_t + b_ig + U_g h_prev + b_hg)     候选记忆\n"
        "  c_t = f ⊙ c_prev + i ⊙ g，h_t = o ⊙ tanh(c_t)\n"
        "前向按 t = 1 … T 读，后向按 t = T … 1 读；out_t = [h→_t , h←_t]",
    ),
    "bidirectional.layer_shown": (
        "The figure and the table show {layer}, the top layer, whose states make up out.",
        "图和表中是{layer}，即最上层，out 由它的状态组成。",
    ),
    "bidirectional.fig.forward": ("Forward {cell}: reads t = 1 → T",
                                  "前向 {cell}：按 t = 1 → T 读"),
    "bidirectional.fig.backward": ("Backward {cell}: reads t = T → 1",
                                   "后向 {cell}：按 t = T → 1 读"),
    "bidirectional.fig.concat": (
        "Output out_t = [forward ; backward] (size 2H = {size})",
        "输出 out_t = [前向；后向]（大小 2H = {size}）",
    ),
    "bidirectional.axis.step": ("Input step t: value", "输入时间步 t：取值"),
    "bidirectional.axis.unit": ("h", "h"),
    "bidirectional.axis.value": ("state h", "状态 h"),
    "bidirectional.axis.order": ("read as no.", "第几个被读到"),
    "bidirectional.read.states": (
        "blue/red = negative/positive state. #1, #2 … under a column tell in which order that "
        "direction read the step: the forward state at t has seen steps 1…t, the backward "
        "state has seen t…T. The bottom panel is the two stacked: the output at each step."
        "{numbers}",
        "蓝色/红色表示负/正的状态值。列下方的 #1、#2 …（以及箭头）表示该方向第几个读到这一步："
        "前向在 t 处的状态见过第 1…t 步，后向的见过第 t…T 步。最下面一栏是两者上下拼接，"
        "即每一步的输出。{numbers}",
    ),
    "bidirectional.read.states.numbers": (
        " Here the forward state at step {T} is {forward} and the backward state at step 1 is "
        "{backward}: each has read the whole sequence.",
        "这里前向状态在第 {T} 步为 {forward}，后向状态在第 1 步为 {backward}："
        "两者都读完了整个序列。",
    ),
    "bidirectional.table.header": ("The numbers", "具体数值"),
    "bidirectional.col.step": ("t", "t"),
    "bidirectional.col.input": ("x_t", "x_t"),
    "bidirectional.col.forward": ("forward h→_t", "前向 h→_t"),
    "bidirectional.col.backward": ("backward h←_t", "后向 h←_t"),
    "bidirectional.col.torch": ("{module} out[t]", "{module} out[t]"),
    "bidirectional.col.diff": ("largest |difference|", "最大绝对差"),
    "bidirectional.check.header": ("3 · The same numbers from {module}(bidirectional=True)",
                                   "3 · 用 {module}(bidirectional=True) 得到同样的数"),
    "bidirectional.metric.diff": ("Largest |by hand − {module}|", "手算与 {module} 的最大绝对差"),
    "bidirectional.metric.out": ("out shape", "out 的形状"),
    "bidirectional.metric.h_n": ("h_n shape", "h_n 的形状"),
    "bidirectional.metric.c_n": ("c_n shape", "c_n 的形状"),
    "bidirectional.check.ok": (
        "Equal to within 10⁻⁶ at every step and in {states}: the bidirectional layer is exactly "
        "two {cell}s reading in opposite directions.",
        "每一步以及 {states} 的误差都在 10⁻⁶ 以内：双向层正是两个反向读取的 {cell}。",
    ),
    "bidirectional.check.states.rnn": ("h_n", "h_n"),
    "bidirectional.check.states.gru": ("h_n", "h_n"),
    "bidirectional.check.states.lstm": ("h_n and c_n", "h_n 和 c_n"),
    "bidirectional.check.bad": (
        "The two computations differ by more than 10⁻⁶.",
        "两种计算的差异超过 10⁻⁶。",
    ),
    "bidirectional.shapes.explain": (
        "x is (T, batch, input) = {x}. out holds the top layer's two directions for every "
        "step: (T, batch, 2H) = {out}. h_n holds the last state of every layer and "
        "direction: (2 × num_layers, batch, H) = {h_n}.",
        "x 的形状是 (T, batch, input) = {x}。out 保存最上层两个方向在每一步的状态，"
        "形状是 (T, batch, 2H) = {out}。h_n 保存每一层、每个方向的最后状态，"
        "形状是 (2 × num_layers, batch, H) = {h_n}。",
    ),
    "bidirectional.shapes.c_n": (
        "c_n, the LSTM's last cell state of every layer and direction, has the same shape, "
        "{c_n}; no cell state is in out.",
        "c_n 是 LSTM 每一层、每个方向最后的记忆单元状态，形状相同，为 {c_n}；"
        "out 中不含任何记忆单元状态。",
    ),
    "bidirectional.slices.header": ("Which slice of out is which row of h_n",
                                    "out 的哪一片等于 h_n 的哪一行"),
    "bidirectional.col.slice": ("Slice of out", "out 的切片"),
    "bidirectional.col.row": ("Row of h_n", "h_n 的行"),
    "bidirectional.col.meaning": ("Meaning", "含义"),
    "bidirectional.meaning.forward": (
        "{layer} forward, after its last step t = {step}",
        "{layer}前向，读完最后一步 t = {step} 之后",
    ),
    "bidirectional.meaning.backward": (
        "{layer} backward, after its last step t = {step} (the first input)",
        "{layer}后向，读完它的最后一步 t = {step}（即第一个输入）之后",
    ),
    "bidirectional.meaning.not_in_out": (
        "{layer} {direction}: not in out (only the top layer is)",
        "{layer}{direction}：不在 out 中（out 只含最上层）",
    ),
    "bidirectional.direction.forward": ("forward", "前向"),
    "bidirectional.direction.backward": ("backward", "后向"),
    "bidirectional.slices.note": (
        "A common mistake: out[-1] is not the full final state. Its backward half is the "
        "backward direction after reading only the last input; the backward direction's "
        "final state is out[0, :, H:].",
        "一个常见错误：out[-1] 并不是完整的最终状态。它的后向一半是后向只读了最后一个输入"
        "时的状态；后向真正的最终状态是 out[0, :, H:]。",
    ),
    "bidirectional.read.table": (
        "one row per step; the last column is the largest difference between the hand "
        "computation and {module} at that step.",
        "每行一步；最后一列是这一步手算结果与 {module} 之间的最大绝对差。",
    ),
}

SAME_IN_BOTH = {"bidirectional.axis.unit", "bidirectional.col.step", "bidirectional.col.input",
                "bidirectional.col.torch", "bidirectional.cell.rnn", "bidirectional.cell.gru",
                "bidirectional.cell.lstm", "bidirectional.check.states.rnn",
                "bidirectional.check.states.gru"}
