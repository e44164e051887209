"""Strings of the SRN stepping page."""

# Symbols that read the same in both languages.
SAME_IN_BOTH = {"srn.act.tanh", "srn.act.relu", "srn.act.sigmoid"}

STRINGS = {
    "srn.title": ("Step a simple recurrent network through time",
                  "逐步运行简单循环网络（SRN）"),
    "srn.intro": (
        "A Simple Recurrent Network (Elman net) reads a sequence one vector at a time and keeps "
        "a hidden state: $h_t = f(W x_t + U h_{t-1} + b)$, $y_t = V h_t + c$, $h_0 = 0$. "
        "The hidden state is its memory: in *arrive Taipei on November 2* and *leave Taipei "
        "on November 2* the word *Taipei* is the same input, but the state carried in from "
        "*arrive* or *leave* differs, so the network can answer destination in one sentence "
        "and origin in the other. Move **t** to walk through the sequence, or press **Play**.",
        "简单循环网络（Elman 网络）每次读入序列中的一个向量，并保留一个隐藏状态："
        "$h_t = f(W x_t + U h_{t-1} + b)$，$y_t = V h_t + c$，$h_0 = 0$。"
        "隐藏状态就是它的记忆：在“*抵达* 台北，11 月 2 日”和“*离开* 台北，11 月 2 日”"
        "两句话里，“台北”这个输入完全相同，但从“抵达”或“离开”带过来的状态不同，"
        "所以网络可以在一句里判断它是目的地，在另一句里判断它是出发地。"
        "拖动 **t** 逐步查看整个序列，或按 **播放** 让它自动前进。",
    ),
    # Step view
    "srn.step.header": ("1 · One step, with the numbers", "1 · 单步计算，代入真实数值"),
    "srn.t": ("Time step t", "时间步 t"),
    "srn.t.help": ("Which step of the sequence to show; h₀ = 0 before the first one.",
                   "要查看序列中的第几步；第一步之前 h₀ = 0。"),
    "srn.act": ("Activation f", "激活函数 f"),
    "srn.act.help": (
        "identity means no activation: h is just the weighted sum.",
        "identity 表示不用激活函数：h 就是加权和本身。",
    ),
    "srn.act.identity": ("identity (no activation)", "identity（恒等，不做变换）"),
    "srn.act.tanh": ("tanh", "tanh"),
    "srn.act.relu": ("relu", "relu"),
    "srn.act.sigmoid": ("sigmoid", "sigmoid"),
    "srn.metric.x": ("Input $x_{{{t}}}$", "输入 $x_{{{t}}}$"),
    "srn.metric.h_prev": ("Previous state $h_{{{prev}}}$", "上一状态 $h_{{{prev}}}$"),
    "srn.metric.h": ("New state $h_{{{t}}}$", "新状态 $h_{{{t}}}$"),
    "srn.metric.y": ("Output $y_{{{t}}}$", "输出 $y_{{{t}}}$"),
    "srn.latex.sums": ("**Weighted sums** (input part + recurrent part + bias):",
                       "**加权求和**（输入部分 + 循环部分 + 偏置）："),
    "srn.latex.activation": ("**Activation** {name}:", "**激活函数** {name}："),
    "srn.latex.output": ("**Output** (a linear read-out of the state):",
                         "**输出**（对隐藏状态做线性读出）："),
    "srn.stacked.title": ("One matrix product instead of two", "两次矩阵乘法合并为一次"),
    "srn.stacked.text": (
        "Putting W and U side by side and stacking $x_t$ on $h_{t-1}$ gives the same "
        "sum in one product: $[W \\mid U]\\,[x_t;\\,h_{t-1}] = W x_t + U h_{t-1}$. "
        "In row-vector form this is $[X_t, H_{t-1}]\\,[W_{xh}; W_{hh}]$. "
        "This is how deep-learning libraries compute it.",
        "把 W 和 U 左右拼在一起，把 $x_t$ 和 $h_{t-1}$ 上下拼在一起，"
        "一次乘法就得到同样的和：$[W \\mid U]\\,[x_t;\\,h_{t-1}] = W x_t + U h_{t-1}$。"
        "写成行向量形式就是 $[X_t, H_{t-1}]\\,[W_{xh}; W_{hh}]$。"
        "深度学习框架内部正是这样计算的。",
    ),
    "srn.overflow": (
        "The numbers overflow at step t = {step}: h or y exceeds the largest float "
        "(about 1.8 × 10³⁰⁸) and is shown as ∞ from there on. Without a squashing "
        "activation, weights this large make the state grow without bound.",
        "在第 t = {step} 步数值溢出：h 或 y 超过了浮点数的上限（约 1.8 × 10³⁰⁸），"
        "从这一步起显示为 ∞。没有压缩型激活函数时，这么大的权重会让状态无限增长。",
    ),
    "srn.last_good": (
        "A cell of the tables is not a number: until it is fixed, the figures show the last "
        "valid network. The cell is marked ⚠ under its table in [section 3](#{anchor}).",
        "表格中有单元格不是数字：在改正之前，图表显示的是上一个有效的网络。"
        "出错的单元格在[第 3 节](#{anchor})对应表格的下方用 ⚠ 标出。",
    ),
    # Unrolled picture
    "srn.unrolled.header": ("2 · The network unrolled over time", "2 · 按时间展开的网络"),
    "srn.unrolled.title": ("The same weights W, U, V at every step",
                           "每一步共用同一组权重 W、U、V"),
    "srn.unrolled.x": ("time step t", "时间步 t"),
    "srn.unrolled.current": ("now", "当前"),
    "srn.unrolled.read": (
        "each column is one time step (step 0 holds h₀ = 0); each box lists a vector's values "
        "top to bottom (x input, h hidden state, y output); arrows show which weights carry "
        "the values; the shaded column is the step t = {t} shown above. Hover a box for "
        "full precision.{numbers}",
        "每一列是一个时间步（第 0 列是 h₀ = 0）；每个方框自上而下列出一个向量的各个分量"
        "（x 输入、h 隐藏状态、y 输出）；箭头旁标出传递数值的权重；阴影列就是上面显示的"
        "第 t = {t} 步。把鼠标悬停在方框上可看到完整精度。{numbers}",
    ),
    "srn.unrolled.numbers": (
        " Here h is {first} at step 1 and {last} at step {T}; the last output y is {y}.",
        "这里 h 在第 1 步为 {first}，在第 {T} 步为 {last}；最后的输出 y 为 {y}。",
    ),
    "srn.unrolled.window": (
        "A long sequence: the picture shows steps {first} to {last}, around t. Drag it "
        "sideways to see the others.",
        "序列较长：图中显示 t 附近的第 {first} 到第 {last} 步，左右拖动图片可查看其他各步。",
    ),
    # Editors
    "srn.edit.header": ("3 · Edit the network and the inputs", "3 · 修改网络和输入"),
    "srn.reset": ("Back to the course example", "恢复课程示例"),
    "srn.reset.help": (
        "Two inputs, hidden units and outputs, every weight 1 and every bias 0, the inputs "
        "[1, 1], [1, 1], [2, 2], tanh and t = 1.",
        "输入、隐藏单元、输出各 2 个，所有权重为 1、偏置为 0，输入为 [1, 1]、[1, 1]、[2, 2]，"
        "激活函数 tanh，t = 1。",
    ),
    "srn.edit.intro": (
        "Switch on editing to type any numbers into the tables; the page recomputes at once. "
        "The link in the address bar always holds the current weights, inputs, t and "
        "activation: copy it to share this exact view.",
        "打开“编辑”后可以在表格中输入任意数字，页面会立即重新计算。地址栏中的链接始终保存当前的"
        "权重、输入、t 和激活函数：复制它就能把这个视图原样分享给别人。",
    ),
    "srn.edit": ("Edit the weights and the inputs", "编辑权重与输入"),
    "srn.edit.help": (
        "Shows the sizes and one table per matrix and the inputs, ready to edit. Valid changes "
        "stay when the tables are hidden again, and they are kept in the link.",
        "显示尺寸以及每个矩阵和输入的表格，可以直接编辑。收起表格后，有效的修改仍然保留，"
        "并保存在链接中。",
    ),
    "srn.network.read": (
        "the network the sections above and below use (inputs × hidden × outputs: {sizes}); "
        "row t of X is the input x_t, for t = 1 … {T}.",
        "上下各节所用的网络（输入 × 隐藏 × 输出：{sizes}）；X 的第 t 行是输入 x_t，"
        "t = 1 … {T}。",
    ),
    # Trace
    "srn.trace.header": ("4 · The whole run as a table", "4 · 整个运行过程的表格"),
    "srn.trace.read": (
        "one row per time step; x, h_prev (= hₜ₋₁), z (the weighted sum), h and y, one "
        "column per component. The row marked ▶ is t = {t}.",
        "每行一个时间步；依次是 x、h_prev（即 hₜ₋₁）、z（加权和）、h 和 y，"
        "每个分量占一列。标有 ▶ 的行是 t = {t}。",
    ),
    # Agreement
    "srn.agree.header": ("5 · Three ways, the same numbers", "5 · 三种算法，同样的结果"),
    "srn.agree.intro": (
        "The run above comes from a hand-written NumPy loop (float64). Here the same weights "
        "go into PyTorch: `torch.nn.RNNCell` called once per step, and `torch.nn.RNN` called "
        "once on the whole sequence (its `out[t]` is $h_t$), each followed by a "
        "`torch.nn.Linear` for y. The table shows the largest difference from the loop.",
        "上面的结果来自手写的 NumPy 循环（float64）。这里把同样的权重交给 PyTorch："
        "逐步调用 `torch.nn.RNNCell`，以及对整个序列只调用一次 `torch.nn.RNN`"
        "（它的 `out[t]` 就是 $h_t$），两者后面都接一个计算 y 的 `torch.nn.Linear`。"
        "表格列出它们与 NumPy 循环的最大差异。",
    ),
    "srn.agree.backend": ("Computed by", "计算方式"),
    "srn.agree.abs": ("Largest |difference|", "最大绝对差"),
    "srn.agree.rel": ("Largest relative difference", "最大相对差"),
    "srn.agree.rnncell": ("nn.RNNCell, one call per step", "nn.RNNCell，每步调用一次"),
    "srn.agree.rnn": ("nn.RNN, one call for the whole sequence",
                      "nn.RNN，整个序列只调用一次"),
    "srn.agree.ok": (
        "All three agree: the differences are float32 rounding (torch computes in float32, "
        "about 7 significant digits).",
        "三者一致：差异只是 float32 的舍入误差（torch 用 float32 计算，约 7 位有效数字）。",
    ),
    "srn.agree.off": (
        "The torch results differ by more than float32 rounding explains, most likely "
        "because the values exceed float32's range (about 3.4 × 10³⁸).",
        "torch 的结果与 NumPy 的差异超出了 float32 舍入误差所能解释的范围，"
        "很可能是数值超出了 float32 的表示范围（约 3.4 × 10³⁸）。",
    ),
    "srn.agree.unsupported": (
        "torch's recurrent layers (`nn.RNN`, `nn.RNNCell`) only support tanh and relu, so "
        "there is nothing to compare for {name}. Choose tanh or relu above to see the three "
        "computations agree.",
        "torch 的循环层（`nn.RNN`、`nn.RNNCell`）只支持 tanh 和 relu，因此 {name} 无法"
        "比较。请在上方选择 tanh 或 relu，看三种算法给出相同的结果。",
    ),
    "srn.agree.overflow_only": (
        "Compared over steps 1 to {last}, before the overflow.",
        "只比较溢出之前的第 1 到 {last} 步。",
    ),
    "srn.agree.nothing": (
        "The run overflows at the first step, so there is nothing to compare.",
        "第一步就已溢出，没有可以比较的数据。",
    ),
    "srn.code.intro": (
        "The code behind the two torch rows, with this page's numbers (it runs as it is in "
        "Python with torch). First the weights, the inputs and the read-out y = V h + c:",
        "下面是表中两行 torch 结果背后的代码，代入了本页的数值（装有 torch 的 Python 可以"
        "直接运行）。先是权重、输入和读出层 y = V h + c：",
    ),
    "srn.code.rnncell": (
        "Then `nn.RNNCell`, called once per step:",
        "然后是 `nn.RNNCell`，每一步调用一次：",
    ),
    "srn.code.rnn": (
        "Or `nn.RNN`, called once on the whole sequence:",
        "或者 `nn.RNN`，对整个序列只调用一次：",
    ),
    "srn.agree.read": (
        "a difference around 10⁻⁸ to 10⁻⁶ is float32 rounding, not a different formula.",
        "10⁻⁸ 到 10⁻⁶ 左右的差异来自 float32 的舍入，而不是公式不同。",
    ),
}
