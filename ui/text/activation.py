"""Strings of the activation comparison page (with and without tanh)."""

# Activation names and math symbols read the same in both languages.
SAME_IN_BOTH = {"activation.name.tanh", "activation.name.relu", "activation.name.sigmoid",
                "activation.first.line"}

STRINGS = {
    "activation.title": ("With and without tanh", "有无 tanh 的对比"),
    "activation.intro": (
        "The same Simple Recurrent Network, `h_t = f(W x_t + U h_(t-1) + b)`, "
        "`y_t = V h_t + c`, run once per activation f. All weights start at 1 and the biases "
        "at 0; the inputs are [1,1], [1,1], [2,2] and, for longer sequences, [1,1] from then "
        "on (or [0,0], no input, if you choose so), so everything that happens after step 3 "
        "comes from the recurrence alone. The recurrent weight scale multiplies U.",
        "同一个简单循环网络 `h_t = f(W x_t + U h_(t-1) + b)`，`y_t = V h_t + c`，"
        "对每种激活函数 f 各运行一次。所有权重初始为 1，偏置为 0；输入依次是 [1,1]、[1,1]、[2,2]，"
        "序列更长时之后一直输入 [1,1]（也可以选择 [0,0]，即不再输入），"
        "因此第 3 步以后发生的一切都只来自循环本身。"
        "“循环权重缩放”会把 U 整体乘上一个系数。",
    ),
    "activation.controls": ("Settings", "设置"),
    "activation.seq_len": ("Sequence length T", "序列长度 T"),
    "activation.seq_len.help": (
        "Number of time steps, 1 to {limit}.",
        "时间步数，1 到 {limit}。",
    ),
    "activation.scale": ("Recurrent weight scale (U × scale)", "循环权重缩放（U × 系数）"),
    "activation.scale.help": (
        "Multiplies every recurrent weight. With all weights 1, U has spectral radius "
        "2 × scale: above 1 a linear network grows, below 1 it fades.",
        "把每个循环权重都乘上这个系数。所有权重为 1 时，U 的谱半径等于 2 × 系数："
        "大于 1 时线性网络会增长，小于 1 时会衰减。",
    ),
    "activation.activations": ("Activations to compare", "要比较的激活函数"),
    "activation.tail": ("Input after step 3", "第 3 步之后的输入"),
    "activation.tail.ones": ("[1, 1]", "[1, 1]"),
    "activation.tail.zeros": ("[0, 0] (none)", "[0, 0]（无输入）"),
    "activation.tail.help": (
        "What the network is fed once the course material's three inputs are in. With "
        "[1, 1] the input holds a fading state up where it settles; with [0, 0] nothing "
        "does, and a fading state falls towards 0.",
        "课程原版的三个输入之后，网络接着读入什么。输入 [1, 1] 时，衰减的状态会被输入托住，"
        "停在某个值上；输入 [0, 0] 时没有东西托住它，衰减的状态会一路降向 0。",
    ),
    "activation.log_scale": ("Log axis", "对数坐标"),
    "activation.log_scale.help": (
        "A logarithmic value axis. A log axis shows 2, 2000 and 2 000 000 side by side; "
        "zero and negative values cannot be drawn on it and are left out.",
        "数值轴使用对数刻度。对数坐标能把 2、2000 和 2000000 同时画清楚；"
        "零和负数无法画在对数轴上，会被省略。",
    ),
    "activation.name.identity": ("identity (no activation)", "恒等（无激活函数）"),
    "activation.name.tanh": ("tanh", "tanh"),
    "activation.name.relu": ("ReLU", "ReLU"),
    "activation.name.sigmoid": ("sigmoid", "sigmoid"),
    "activation.error.none": (
        "Activations to compare: choose at least one.",
        "要比较的激活函数：请至少选择一种。",
    ),
    "activation.metric.radius": ("Spectral radius of U", "U 的谱半径"),
    "activation.metric.radius.help": (
        "The largest |eigenvalue| of the recurrent matrix U (here 2 × scale).",
        "循环矩阵 U 的最大特征值绝对值（这里等于 2 × 系数）。",
    ),
    "activation.metric.steps": ("Time steps", "时间步数"),
    "activation.metric.last_y": ("y_T with {name}", "{name} 的 y_T"),
    "activation.regime.grow": (
        "Spectral radius {radius:.3g} > 1: without an activation the state is multiplied "
        "by about {radius:.3g} every step and grows without bound.",
        "谱半径 {radius:.3g} > 1：没有激活函数时，状态每一步大约乘以 {radius:.3g}，会无限增长。",
    ),
    "activation.regime.fade": (
        "Spectral radius {radius:.3g} < 1: the state forgets its past and the gradient "
        "through time vanishes, with or without an activation.",
        "谱半径 {radius:.3g} < 1：状态会遗忘过去，沿时间反传的梯度会消失，有没有激活函数都一样。",
    ),
    "activation.fade.zeros": (
        "No input after step 3, so nothing holds the state up: {name}'s h falls from "
        "{start:.3g} at step {first} to {end:.2g} at step {T}, and ‖∂h_{T}/∂h_1‖ = {grad:.2g}.",
        "第 3 步之后不再有输入，没有东西托住状态：{name} 的 h 从第 {first} 步的 {start:.3g} "
        "降到第 {T} 步的 {end:.2g}，而 ‖∂h_{T}/∂h_1‖ = {grad:.2g}。",
    ),
    "activation.fade.ones": (
        "The input [1, 1] keeps coming, so {name}'s h settles where the input holds it: "
        "{start:.3g} at step {first}, {end:.3g} at step {T}. The first inputs are forgotten, "
        "but h does not fade; ‖∂h_{T}/∂h_1‖ = {grad:.2g}. Choose [0, 0] after step 3 to see "
        "the state itself fade.",
        "输入 [1, 1] 一直在送入，所以 {name} 的 h 停在输入托住它的位置：第 {first} 步为 "
        "{start:.3g}，第 {T} 步为 {end:.3g}。最初的输入被遗忘了，但 h 并没有衰减；"
        "‖∂h_{T}/∂h_1‖ = {grad:.2g}。第 3 步之后改为输入 [0, 0]，就能看到状态本身衰减。",
    ),
    "activation.regime.edge": (
        "Spectral radius 1: the linear network neither grows nor fades; it keeps adding "
        "its inputs up.",
        "谱半径为 1：线性网络既不增长也不衰减，只是不断把输入累加起来。",
    ),
    "activation.overflow": (
        "{name} overflowed at step {step}: its state there is larger than the largest "
        "float64 (about 1.8 × 10³⁰⁸). The curves stop at step {last}, the last finite value.",
        "{name} 在第 {step} 步溢出：此时的状态超过了 float64 能表示的最大值（约 1.8 × 10³⁰⁸）。"
        "曲线画到第 {last} 步，即最后一个有限值为止。",
    ),
    "activation.overflow.first": (
        "{name} overflowed already at step 1.",
        "{name} 在第 1 步就已溢出。",
    ),
    "activation.first.header": ("The first three outputs", "前三步的输出"),
    "activation.first.line": (
        "**{name}**: y₁, y₂, y₃ = {values}",
        "**{name}**：y₁, y₂, y₃ = {values}",
    ),
    "activation.first.note": (
        "The course material's example (section 2, “with and without tanh”): without an "
        "activation y = 4, 12, 32 (and it keeps growing); with tanh y = 1.928…, 1.998…, "
        "1.99997… (it saturates towards 2, because each tanh unit stays below 1 and y adds "
        "two of them).",
        "课程原版示例（第 2 节“有无 tanh”）的数值：没有激活函数时 y = 4、12、32"
        "（并且会继续增长）；使用 tanh 时 "
        "y = 1.928…、1.998…、1.99997…（趋于饱和、逼近 2：每个 tanh 单元都小于 1，"
        "而 y 是两个单元之和）。",
    ),
    "activation.states.header": ("Hidden state and output over time", "隐藏状态和输出随时间的变化"),
    "activation.states.h": ("hidden state h_t (unit 1)", "隐藏状态 h_t（第 1 个单元）"),
    "activation.states.y": ("output y_t (unit 1)", "输出 y_t（第 1 个单元）"),
    "activation.axis.t": ("time step t", "时间步 t"),
    "activation.axis.value": ("value (dimensionless)", "数值（无量纲）"),
    "activation.read.states": (
        "each line is one activation. With all weights equal both hidden units (and both "
        "outputs) have the same value, so unit 1 stands for all. A line that climbs "
        "straight up on the log axis grows geometrically; a flat line has saturated.{numbers}"
        "{same}",
        "每条线对应一种激活函数。所有权重相等时，两个隐藏单元（以及两个输出）取值相同，"
        "所以第 1 个单元就代表全部。在对数轴上笔直上升的线是按几何级数增长；变平的线说明已经饱和。"
        "{numbers}{same}",
    ),
    "activation.read.same": (
        " ReLU draws exactly identity's numbers here (every weight and input is positive, so "
        "it never cuts anything): identity is the wide solid orange line with round markers, "
        "ReLU the thin dashed green line with crosses on top of it.",
        "这里 ReLU 与恒等函数的数值完全相同（所有权重和输入都是正数，ReLU 不会截掉任何值）："
        "恒等是较宽的橙色实线（圆点），ReLU 是叠在它上面的绿色细虚线（叉号）。",
    ),
    "activation.read.states.numbers": (
        " At step {T}, h₁ is {values}.",
        "第 {T} 步时，h₁ 的值：{values}。",
    ),
    "activation.read.grad.numbers": (
        " Back at t = 1, ‖∂h_{T}/∂h_1‖ is {values}.",
        "回到 t = 1 处，‖∂h_{T}/∂h_1‖：{values}。",
    ),
    "activation.read.value": ("{value} with {name}", "{name} 为 {value}"),
    "activation.read.separator": ("; ", "；"),
    "activation.read.overflow": ("past the largest float (overflow at step {step})",
                                 "超出浮点数上限（第 {step} 步溢出）"),
    "activation.read.grad_overflow": ("past the largest float (overflow)",
                                      "超出浮点数上限（溢出）"),
    "activation.grad.header": ("The gradient through time", "沿时间反向传播的梯度"),
    "activation.grad.y": ("‖∂h_T/∂h_t‖ (log scale)", "‖∂h_T/∂h_t‖（对数刻度）"),
    "activation.read.grad": (
        "how strongly the last state h_{T} still depends on the state at step t (the "
        "spectral norm of the Jacobian, by autograd). Read from right to left: it is 1 at "
        "t = {T}; a line falling to the left is a vanishing gradient (early steps cannot be "
        "learned), a rising one an exploding gradient. Gaps are values below 10⁻³⁰⁸ or past "
        "an overflow.{numbers}{same}",
        "最后的状态 h_{T} 对第 t 步状态的依赖有多强（雅可比矩阵的谱范数，由自动求导算出）。"
        "从右往左看：在 t = {T} 处为 1；越往左越低表示梯度消失（很早的步骤学不到），"
        "越往左越高表示梯度爆炸。曲线中断处是小于 10⁻³⁰⁸ 的值或溢出之后的步骤。{numbers}{same}",
    ),
    "activation.table.header": ("All numbers", "全部数值"),
    "activation.table.h1": ("h_t (unit 1)", "h_t（第 1 个单元）"),
    "activation.table.y1": ("y_t (unit 1)", "y_t（第 1 个单元）"),
    "activation.table.grad_norm": ("‖∂h_T/∂h_t‖", "‖∂h_T/∂h_t‖"),
    "activation.table.note": (
        "One row per step: the input, and one column per activation; a tab for each of "
        "h (unit 1), y (unit 1) and ‖∂h_T/∂h_t‖. The CSV has them all.",
        "每个时间步一行：输入，以及每种激活函数一列；h（第 1 个单元）、y（第 1 个单元）"
        "和 ‖∂h_T/∂h_t‖ 各占一个标签页。CSV 文件包含全部数值。",
    ),
    "activation.try": (
        "Try one lesson at a click (or move the sliders yourself):",
        "一键查看一个现象（也可以自己拖动滑块）：",
    ),
    "activation.preset.default": ("Course example: T = 20, scale 1",
                                  "课程原版示例：T = 20，系数 1"),
    "activation.preset.fade": ("Fading: scale 0.2, no input", "衰减：系数 0.2，输入停止"),
    "activation.preset.long": ("Explode vs saturate: T = 200", "爆炸与饱和：T = 200"),
    "activation.preset.overflow": ("Overflow: T = 200, scale 50", "溢出：T = 200，系数 50"),
}
