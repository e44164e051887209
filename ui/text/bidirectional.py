"""Strings of the bidirectional RNN page."""

STRINGS = {
    "bidirectional.title": ("Bidirectional RNN: reading both ways", "双向 RNN：从两个方向读序列"),
    "bidirectional.intro": (
        "A bidirectional RNN is two RNNs with their own weights over the same sequence: the "
        "**forward** one reads from the first step to the last, the **backward** one from the "
        "last to the first. At every step the output is the two states side by side, so it "
        "knows about both the past and the future of that step. Below, both directions are "
        "computed by hand, then the same numbers are taken from `nn.RNN(bidirectional=True)` "
        "with the same weights and compared.",
        "双向 RNN 是两个各有权重的 RNN 作用在同一个序列上：**前向** RNN 从第一步读到最后一步，"
        "**后向** RNN 从最后一步读回第一步。每一步的输出是两个状态拼在一起，因此它同时了解"
        "这一步之前和之后的内容。下面先手工算出两个方向，再用相同权重的 "
        "`nn.RNN(bidirectional=True)` 算一遍并逐一比较。",
    ),
    "bidirectional.input.header": ("1 · The sequence", "1 · 输入序列"),
    "bidirectional.kind": ("Type", "输入类型"),
    "bidirectional.kind.numbers": ("Numbers", "数值"),
    "bidirectional.kind.characters": ("Characters", "字符"),
    "bidirectional.sequence.numbers": ("Numbers (commas or spaces)", "数值（用逗号或空格分隔）"),
    "bidirectional.sequence.characters": ("Characters", "字符"),
    "bidirectional.sequence.help": (
        "At most {steps} steps; numbers between −{limit:g} and {limit:g}, separated by commas "
        "or spaces. Each character becomes a one-hot vector over the distinct characters typed.",
        "最多 {steps} 步；数值在 −{limit:g} 到 {limit:g} 之间，"
        "用逗号（中英文均可）、顿号或空格分隔。"
        "每个字符会变成一个独热向量，维度等于输入中不同字符的个数。",
    ),
    "bidirectional.hidden": ("Hidden size H", "隐藏层大小 H"),
    "bidirectional.layers": ("Layers", "层数"),
    "bidirectional.layers.help": (
        "With more layers, each layer reads the concatenated outputs of the one below; h_n "
        "gets two rows per layer.",
        "层数多于一层时，每一层读入下一层拼接后的输出；h_n 每层有两行。",
    ),
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
    "bidirectional.formula": (
        "forward:  h→_t = tanh(W→ x_t + b→_ih + U→ h→_(t−1) + b→_hh),  t = 1 … T\n"
        "backward: h←_t = tanh(W← x_t + b←_ih + U← h←_(t+1) + b←_hh),  t = T … 1\n"
        "output:   out_t = [h→_t , h←_t]",
        "前向：h→_t = tanh(W→ x_t + b→_ih + U→ h→_(t−1) + b→_hh)，t = 1 … T\n"
        "后向：h←_t = tanh(W← x_t + b←_ih + U← h←_(t+1) + b←_hh)，t = T … 1\n"
        "输出：out_t = [h→_t , h←_t]",
    ),
    "bidirectional.layer_shown": (
        "The figure shows layer {layer} (the top layer, whose states make up out).",
        "图中是第 {layer} 层（最上层，out 由它的状态组成）。",
    ),
    "bidirectional.fig.forward": ("Forward RNN: reads t = 1 → T", "前向 RNN：按 t = 1 → T 读"),
    "bidirectional.fig.backward": ("Backward RNN: reads t = T → 1", "后向 RNN：按 t = T → 1 读"),
    "bidirectional.fig.concat": (
        "Output out_t = [forward ; backward] (size 2H = {size})",
        "输出 out_t = [前向 ; 后向]（大小 2H = {size}）",
    ),
    "bidirectional.axis.step": ("Input step t: value", "输入时间步 t：取值"),
    "bidirectional.axis.unit": ("h", "h"),
    "bidirectional.axis.value": ("state (tanh)", "状态（tanh）"),
    "bidirectional.axis.order": ("read as no.", "第几个被读到"),
    "bidirectional.read.states": (
        "blue/red = negative/positive state. #1, #2 … under a column tell in which order that "
        "direction read the step: the forward RNN's state at t has seen steps 1…t, the "
        "backward RNN's has seen t…T. The bottom panel is the two stacked: the output at "
        "each step.",
        "蓝色/红色表示负/正的状态值。列下方的 #1、#2 …（以及箭头）表示该方向第几个读到这一步："
        "前向 RNN "
        "在 t 处的状态见过第 1…t 步，后向 RNN 的见过第 t…T 步。最下面一栏是两者上下拼接，"
        "即每一步的输出。",
    ),
    "bidirectional.table.header": ("The numbers", "具体数值"),
    "bidirectional.col.step": ("t", "t"),
    "bidirectional.col.input": ("x_t", "x_t"),
    "bidirectional.col.forward": ("forward h→_t", "前向 h→_t"),
    "bidirectional.col.backward": ("backward h←_t", "后向 h←_t"),
    "bidirectional.col.torch": ("nn.RNN out[t]", "nn.RNN out[t]"),
    "bidirectional.col.diff": ("largest |difference|", "最大绝对差"),
    "bidirectional.check.header": ("3 · The same numbers from nn.RNN(bidirectional=True)",
                                   "3 · 用 nn.RNN(bidirectional=True) 得到同样的数"),
    "bidirectional.metric.diff": ("Largest |by hand − nn.RNN|", "手算与 nn.RNN 的最大绝对差"),
    "bidirectional.metric.out": ("out shape", "out 的形状"),
    "bidirectional.metric.h_n": ("h_n shape", "h_n 的形状"),
    "bidirectional.check.ok": (
        "Equal to within 10⁻⁶ at every step and in h_n: the bidirectional layer is exactly "
        "two RNNs reading in opposite directions.",
        "每一步以及 h_n 的误差都在 10⁻⁶ 以内：双向层正是两个反向读取的 RNN。",
    ),
    "bidirectional.check.bad": (
        "The two computations differ by more than 10⁻⁶.",
        "两种计算的差异超过 10⁻⁶。",
    ),
    "bidirectional.shapes.explain": (
        "x is (T, batch, input) = {x}. out holds the top layer's two directions for every "
        "step: (T, batch, 2H) = {out}. h_n holds the last state of every layer and "
        "direction: (2 × layers, batch, H) = {h_n}.",
        "x 的形状是 (T, batch, input) = {x}。out 保存最上层两个方向在每一步的状态："
        "(T, batch, 2H) = {out}。h_n 保存每一层、每个方向的最后状态："
        "(2 × 层数, batch, H) = {h_n}。",
    ),
    "bidirectional.slices.header": ("Which slice of out is which row of h_n",
                                    "out 的哪一片等于 h_n 的哪一行"),
    "bidirectional.col.slice": ("Slice of out", "out 的切片"),
    "bidirectional.col.row": ("Row of h_n", "h_n 的行"),
    "bidirectional.col.meaning": ("Meaning", "含义"),
    "bidirectional.meaning.forward": (
        "layer {layer} forward, after its last step t = {step}",
        "第 {layer} 层前向，读完最后一步 t = {step} 之后",
    ),
    "bidirectional.meaning.backward": (
        "layer {layer} backward, after its last step t = {step} (the first input)",
        "第 {layer} 层后向，读完它的最后一步 t = {step}（即第一个输入）之后",
    ),
    "bidirectional.meaning.not_in_out": (
        "layer {layer} {direction}: not in out (only the top layer is)",
        "第 {layer} 层{direction}：不在 out 中（out 只含最上层）",
    ),
    "bidirectional.direction.forward": ("forward", "前向"),
    "bidirectional.direction.backward": ("backward", "后向"),
    "bidirectional.slices.note": (
        "A common mistake: out[-1] is not the full final state. Its backward half is the "
        "backward RNN after reading only the last input; the backward RNN's final state is "
        "out[0, :, H:].",
        "一个常见错误：out[-1] 并不是完整的最终状态。它的后向一半是后向 RNN 只读了最后一个输入"
        "时的状态；后向 RNN 真正的最终状态是 out[0, :, H:]。",
    ),
    "bidirectional.read.table": (
        "one row per step; the last column is the largest difference between the hand "
        "computation and nn.RNN at that step.",
        "每行一步；最后一列是这一步手算结果与 nn.RNN 之间的最大差值。",
    ),
}

SAME_IN_BOTH = {"bidirectional.axis.unit", "bidirectional.col.step", "bidirectional.col.input",
                "bidirectional.col.torch"}
