"""Strings of the gated-cells page (LSTM and GRU stepped through time) and of its handoff."""

# Symbols that read the same in both languages.
SAME_IN_BOTH = {"gated.cell.lstm", "gated.cell.gru", "gated.gradient.name.lstm",
                "gated.gradient.name.gru"}

STRINGS = {
    "gated.title": ("Gated cells step by step: LSTM and GRU",
                    "逐步运行门控单元：LSTM 与 GRU"),
    "gated.intro": (
        "An SRN overwrites its whole state at every step. The gated cells decide how much to "
        "keep: each **gate** is a vector of numbers between 0 and 1 (a sigmoid of a weighted "
        "sum of $x_t$ and $h_{t-1}$) that multiplies a signal element by element. The page "
        "uses PyTorch's conventions and gate order (`nn.LSTMCell`: i, f, g, o; `nn.GRUCell`: "
        "r, z, n), with $h_0 = c_0 = 0$. Move **t** or press **Play**.",
        "SRN 在每一步都会改写整个状态。门控单元则决定保留多少：每个**门**是一组介于 0 和 1 "
        "之间的数（对 $x_t$ 和 $h_{t-1}$ 加权求和后取 sigmoid），逐元素地与某个信号相乘。"
        "本页采用 PyTorch 的约定和门的顺序（`nn.LSTMCell`：i、f、g、o；`nn.GRUCell`：r、z、n），"
        "且 $h_0 = c_0 = 0$。拖动 **t** 或按 **播放**。",
    ),
    "gated.convention.lstm": (
        "**LSTM** (gates i input, f forget, g candidate, o output): "
        "$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$, $h_t = o_t \\odot \\tanh(c_t)$.",
        "**LSTM**（i 输入门，f 遗忘门，g 候选值，o 输出门）："
        "$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$，$h_t = o_t \\odot \\tanh(c_t)$。",
    ),
    "gated.convention.gru": (
        "**GRU** (gates r reset, z update, n candidate): "
        "$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$. In PyTorch's convention, shown "
        "here, $z$ is the share of the **old** state that is kept; some textbooks (d2l among "
        "them) write the same cell with $z$ and $1 - z$ swapped in meaning.",
        "**GRU**（r 重置门，z 更新门，n 候选值）："
        "$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$。本页采用 PyTorch 的约定："
        "$z$ 是保留下来的**旧**状态所占的比例；有些教材（包括 d2l）写的是同一个单元，"
        "但 $z$ 与 $1 - z$ 的含义互换。",
    ),
    # Controls
    "gated.cell": ("Cell", "单元类型"),
    "gated.cell.help": ("Which gated cell to step through.", "要逐步查看的门控单元。"),
    "gated.cell.lstm": ("LSTM", "LSTM"),
    "gated.cell.gru": ("GRU", "GRU"),
    "gated.t": ("Time step t", "时间步 t"),
    "gated.t.help": ("Which step of the sequence to show; h₀ = c₀ = 0 before the first one.",
                     "要查看序列中的第几步；第一步之前 h₀ = c₀ = 0。"),
    # Step view
    "gated.step.header": ("1 · One step, gate by gate", "1 · 单步计算，逐个门代入数值"),
    "gated.vectors": ("What goes into step {t}", "第 {t} 步的输入"),
    "gated.vector.x": ("input x_{t}", "输入 x_{t}"),
    "gated.vector.h_prev": ("previous state h_{prev}", "上一隐藏状态 h_{prev}"),
    "gated.vector.c_prev": ("previous cell state c_{prev}", "上一细胞状态 c_{prev}"),
    "gated.vector.h": ("new state h_{t}", "新隐藏状态 h_{t}"),
    "gated.vector.c": ("new cell state c_{t}", "新细胞状态 c_{t}"),
    "gated.gate.i": ("**i, the input gate** (how much of the candidate g is written):",
                     "**i，输入门**（候选值 g 写入多少）："),
    "gated.gate.f": ("**f, the forget gate** (how much of c_{t-1} is kept):",
                     "**f，遗忘门**（c_{t-1} 保留多少）："),
    "gated.gate.g": ("**g, the candidate** (tanh: what could be written, between −1 and 1):",
                     "**g，候选值**（tanh：可能写入的内容，介于 −1 与 1 之间）："),
    "gated.gate.o": ("**o, the output gate** (how much of tanh(c_t) is shown as h_t):",
                     "**o，输出门**（tanh(c_t) 有多少作为 h_t 输出）："),
    "gated.gate.r": ("**r, the reset gate** (how much of the old state the candidate sees):",
                     "**r，重置门**（候选值能看到多少旧状态）："),
    "gated.gate.z": ("**z, the update gate** (how much of h_{t-1} is kept):",
                     "**z，更新门**（h_{t-1} 保留多少）："),
    "gated.gate.n": ("**n, the candidate** (tanh, the h-part scaled by r):",
                     "**n，候选值**（tanh，其中 h 的部分先乘以 r）："),
    "gated.state.lstm": ("**The new cell state and hidden state:**",
                         "**新的细胞状态与隐藏状态：**"),
    "gated.state.gru": ("**The new hidden state:**", "**新的隐藏状态：**"),
    "gated.latex.read": (
        "each line substitutes numbers into the one above: the weighted sums "
        "($W x$, bias, $W h$, bias), their total (the pre-activation), then σ or tanh of it. "
        "At t = {t} the gates are {gates}.",
        "每一行都把数值代入上一行：加权和（$W x$、偏置、$W h$、偏置）、它们的总和（激活前的值），"
        "再取 σ 或 tanh。第 t = {t} 步各门的值为 {gates}。",
    ),
    "gated.first_units": (
        "The trained cell has {total} hidden units (and {inputs} inputs); the page shows the first "
        "{shown} of each. Every value shown is computed with all units; the matrix products are "
        "left out of the equations because they need every unit.",
        "训练好的单元有 {total} 个隐藏单元（和 {inputs} 个输入）；本页只显示每种的前 {shown} 个。"
        "显示的每个数值都是用全部单元算出的；公式中省略了矩阵乘积，因为它们需要全部单元。",
    ),
    # Diagram
    "gated.diagram.header": ("2 · The cell at step t", "2 · 第 t 步的单元结构图"),
    "gated.diagram.title": ("{cell} cell at t = {t}", "{cell} 单元，t = {t}"),
    "gated.gate_title.i": ("input", "输入门"),
    "gated.gate_title.f": ("forget", "遗忘门"),
    "gated.gate_title.g": ("candidate", "候选值"),
    "gated.gate_title.o": ("output", "输出门"),
    "gated.gate_title.r": ("reset", "重置门"),
    "gated.gate_title.z": ("update", "更新门"),
    "gated.gate_title.n": ("candidate", "候选值"),
    "gated.diagram.read.lstm": (
        "the cell state runs along the top from c_{prev} to c_{t}: the forget gate f multiplies "
        "it (keeps {f}), the input gate i lets in the candidate g (adds {written}), so "
        "c_{t} = {c}; the output gate o lets tanh(c_{t}) out as h_{t} = {h}. Boxes hold one "
        "line per unit; hover a box for every term.",
        "细胞状态沿顶部从 c_{prev} 流向 c_{t}：遗忘门 f 与它相乘（保留 {f}），输入门 i 放入候选值 g"
        "（加上 {written}），于是 c_{t} = {c}；输出门 o 把 tanh(c_{t}) 作为 h_{t} = {h} 输出。"
        "每个方框一行对应一个单元；鼠标悬停可看到每一项。",
    ),
    "gated.diagram.read.gru": (
        "the state runs along the top from h_{prev} to h_{t}: the update gate z keeps "
        "z ⊙ h_{prev} = {kept}, and 1 − z lets in the candidate n, (1 − z) ⊙ n = {written}, so "
        "h_{t} = {h}. The reset gate r decides how much of h_{prev} the candidate sees. Boxes "
        "hold one line per unit; hover a box for every term.",
        "状态沿顶部从 h_{prev} 流向 h_{t}：更新门 z 保留 z ⊙ h_{prev} = {kept}，"
        "1 − z 放入候选值 n，"
        "(1 − z) ⊙ n = {written}，于是 h_{t} = {h}。重置门 r 决定候选值能看到多少 h_{prev}。"
        "每个方框一行对应一个单元；鼠标悬停可看到每一项。",
    ),
    # Unrolled
    "gated.unrolled.header": ("3 · The network unrolled over time", "3 · 按时间展开的网络"),
    "gated.unrolled.title": ("One column per time step", "每个时间步一列"),
    "gated.unrolled.x": ("time step t", "时间步 t"),
    "gated.unrolled.x_chars": ("input character at step t", "第 t 步输入的字符"),
    "gated.unrolled.current": ("current t", "当前 t"),
    "gated.unrolled.output": ("prediction", "预测"),
    "gated.unrolled.read": (
        "each column is one step (step 0 holds h₀ = 0{c0}); x at the bottom, h above it{c_row}. "
        "The shaded column is t = {t}; its h is {h}.",
        "每一列是一个时间步（第 0 列是 h₀ = 0{c0}）；最下面是 x，其上是 h{c_row}。"
        "阴影列是 t = {t}，它的 h 为 {h}。",
    ),
    "gated.unrolled.c0": (" and c₀ = 0", " 与 c₀ = 0"),
    "gated.unrolled.c_row": (", the cell state c on top", "，最上面是细胞状态 c"),
    "gated.unrolled.outputs": (
        " The top row is the predicted character at each step: {predicted}.",
        " 最上一行是每一步预测的字符：{predicted}。",
    ),
    # Trace and agreement
    "gated.trace.header": ("4 · The whole run", "4 · 整个运行过程"),
    "gated.trace.read": (
        "one row per step: the inputs, the previous state, every gate per unit, then the new "
        "state (10 significant digits; the CSV has every digit).",
        "每个时间步一行：输入、上一状态、每个门在各单元上的值，然后是新状态"
        "（保留 10 位有效数字；CSV 中是全部数字）。",
    ),
    "gated.agree.header": ("5 · The same numbers from PyTorch", "5 · PyTorch 算出的相同结果"),
    "gated.agree.intro": (
        "The same weights loaded into `{cell_module}` (called once per step) and `{layer_module}` "
        "(called once on the whole sequence), in float32, against the NumPy loop above (float64).",
        "把相同的权重装入 `{cell_module}`（每步调用一次）和 "
        "`{layer_module}`（对整个序列调用一次），"
        "以 float32 计算，与上面的 NumPy 循环（float64）比较。",
    ),
    "gated.agree.backend": ("PyTorch module", "PyTorch 模块"),
    "gated.agree.abs": ("largest |difference| of any h_t, c_t", "所有 h_t、c_t 的最大绝对差"),
    "gated.agree.rel": ("largest relative difference", "最大相对差"),
    "gated.agree.ok": ("The hand-written cell and PyTorch agree (largest difference {diff}).",
                       "手写单元与 PyTorch 一致（最大差 {diff}）。"),
    "gated.agree.off": (
        "The hand-written cell and PyTorch differ by {diff}: float32 cannot hold these "
        "values as precisely.",
        "手写单元与 PyTorch 相差 {diff}：float32 无法同样精确地表示这些数值。",
    ),
    "gated.agree.read": (
        "differences around 1e-7 are float32 rounding: the cells compute the same function.",
        "1e-7 左右的差别只是 float32 的舍入误差：两者计算的是同一个函数。",
    ),
    # Editors
    "gated.edit.header": ("6 · The weights and the inputs", "6 · 权重与输入"),
    "gated.edit": ("Edit the weights and the inputs", "编辑权重与输入"),
    "gated.edit.help": (
        "Shows one table per gate and the input sequence, ready to edit. Valid changes stay "
        "when the tables are hidden again, and they are kept in the link.",
        "显示每个门的权重表和输入序列，可以直接编辑。收起表格后，有效的修改仍然保留，"
        "并且保存在链接里。",
    ),
    "gated.edit.intro": (
        "One table per gate, one row per hidden unit: the input weights $W_{{i\\cdot}}$ "
        "(columns x1…), the recurrent weights $W_{{h\\cdot}}$ (columns h1…), then the two "
        "biases. PyTorch stacks these tables in gate order as `weight_ih`, `weight_hh`, "
        "`bias_ih`, `bias_hh`. The course material's example: every weight 0.5, every bias 0 "
        "except the {gate} gate's $b_{{i{gate}}} = 1$.",
        "每个门一张表，每个隐藏单元一行：输入权重 $W_{{i\\cdot}}$（x1… 列）、"
        "循环权重 $W_{{h\\cdot}}$（h1… 列），然后是两个偏置。PyTorch 按门的顺序把这些表上下堆叠成 "
        "`weight_ih`、`weight_hh`、`bias_ih`、`bias_hh`。课程原版示例：所有权重为 0.5，"
        "所有偏置为 0，只有 {gate} 门的 $b_{{i{gate}}} = 1$。",
    ),
    "gated.n_in": ("inputs", "输入维数"),
    "gated.n_hidden": ("hidden units", "隐藏单元数"),
    "gated.sizes.help": ("1 to {limit}.", "1 到 {limit}。"),
    "gated.table": ("Gate {gate} ({name})", "{gate} 门（{name}）"),
    "gated.matrix.x": ("Input sequence x, one row per step", "输入序列 x，每步一行"),
    "gated.x.help": ("Add or delete rows to change the length (1 to {limit} steps).",
                     "增加或删除行即可改变长度（1 到 {limit} 步）。"),
    "gated.reset": ("Back to the course material's example", "恢复课程原版示例"),
    "gated.cell_at": ("Gate {gate}, {matrix}, row {row}, column {column}",
                      "{gate} 门，{matrix}，第 {row} 行，第 {column} 列"),
    "gated.x_at": ("Input sequence x, step t = {row}, x{column}",
                   "输入序列 x，第 t = {row} 步，x{column}"),
    "gated.error.empty": ("Input sequence x is empty: add at least one step.",
                          "输入序列 x 为空：请至少添加一步。"),
    "gated.error.steps": ("Input sequence x has {got} steps; at most {limit} are allowed.",
                          "输入序列 x 有 {got} 步；最多允许 {limit} 步。"),
    "gated.error.shape": ("{matrix}: the table has the wrong size.", "{matrix}：表格大小不对。"),
    "gated.last_good": ("The figures show the last valid network until the marked cells are "
                        "fixed.", "在改正标出的单元格之前，图中显示的是上一个有效的网络。"),
    "gated.trained.readonly": (
        "The trained network's weights (read only), one table per gate:",
        "训练好的网络的权重（只读），每个门一张表：",
    ),
    # Trained network (handoff)
    "gated.trained.banner": (
        "**The network you trained on hello → ohlol** ({cell}, {hidden} hidden units). "
        "Inputs: the embedding rows of **{inputs}** (one {dims}-number vector per character); "
        "predicted at each step: **{predicted}**.",
        "**你在 hello → ohlol 上训练的网络**（{cell}，{hidden} 个隐藏单元）。"
        "输入：**{inputs}** 各字符的嵌入向量（每个字符一个 {dims} 维向量）；"
        "每一步的预测：**{predicted}**。",
    ),
    "gated.trained.readout.identity": (
        "Output layer: none. The hidden size equals the vocabulary size ({vocab}), so h_t "
        "itself is the logits over {chars}, and the prediction is its largest entry.",
        "输出层：无。隐藏单元数等于词表大小（{vocab}），所以 h_t 本身就是对 {chars} 的 logits，"
        "预测取其中最大的一项。",
    ),
    "gated.trained.readout.linear": (
        "Output layer: a linear layer ({vocab} × {hidden}) maps h_t to the logits over {chars}; "
        "the prediction is the largest logit.",
        "输出层：一个线性层（{vocab} × {hidden}）把 h_t 映射为对 {chars} 的 logits；"
        "预测取最大的 logit。",
    ),
    "gated.trained.back": ("Back to the course material's example", "回到课程原版示例"),
    "gated.trained.link": (
        "A trained network lives only in this session: a shared link opens the course "
        "material's example.",
        "训练好的网络只保存在本会话中：分享的链接打开的是课程原版示例。",
    ),
    "gated.handoff.button": ("Step through this network's gates", "逐步查看这个网络的门"),
    "gated.handoff.help": (
        "Opens the gated-cells page with this trained network and “{text}” as the sequence.",
        "用这个训练好的网络、以“{text}”为输入序列打开门控单元页面。",
    ),
    # Memory
    "gated.memory.header": ("7 · Memory: a pulse, then zeros", "7 · 记忆：一个脉冲，之后全是 0"),
    "gated.memory.intro": (
        "One input pulse at t = 1 and zeros after it, through three one-unit cells: an SRN "
        "($h_t = \\tanh(x_t + 0.8\\,h_{t-1})$), an LSTM and a GRU whose recurrent weights are "
        "0, so after the pulse the state is only carried: $c_t = f\\,c_{t-1}$ and "
        "$h_t = z\\,h_{t-1}$ with $f = z = \\sigma(b)$. With the same bias the LSTM and GRU "
        "curves are the same line ($\\sigma(b)^k$) by design; the GRU is drawn dashed over it.",
        "在 t = 1 输入一个脉冲，之后全是 0，送入三个单单元的网络：SRN"
        "（$h_t = \\tanh(x_t + 0.8\\,h_{t-1})$），以及循环权重为 0 的 LSTM 和 GRU，"
        "所以脉冲之后状态只是被传递：$c_t = f\\,c_{t-1}$，$h_t = z\\,h_{t-1}$，其中 "
        "$f = z = \\sigma(b)$。偏置相同时 LSTM 和 GRU 的曲线按设计是同一条线（$\\sigma(b)^k$）；"
        "GRU 用虚线画在它上面。",
    ),
    "gated.bias": ("forget-gate bias b_f (LSTM) = update-gate bias b_z (GRU)",
                   "遗忘门偏置 b_f（LSTM）= 更新门偏置 b_z（GRU）"),
    "gated.bias.help": ("f = z = σ(b): 4 gives 0.982, 0 gives 0.5.",
                        "f = z = σ(b)：取 4 时为 0.982，取 0 时为 0.5。"),
    "gated.steps": ("steps", "步数"),
    "gated.memory.title": ("How much of the pulse is left", "脉冲还剩多少"),
    "gated.memory.y": ("share of the pulse left (log)", "剩余比例（对数坐标）"),
    "gated.memory.value": ("left", "剩余"),
    "gated.gradient.title": ("How much the last state depends on step t",
                             "最后状态对第 t 步状态的依赖"),
    "gated.gradient.y": ("‖∂s_T/∂s_t‖ (log)", "‖∂s_T/∂s_t‖（对数坐标）"),
    "gated.memory.x": ("time step t", "时间步 t"),
    "gated.memory.name.srn": ("SRN (h)", "SRN（h）"),
    "gated.memory.name.lstm": ("LSTM (c)", "LSTM（c）"),
    "gated.memory.name.gru": ("GRU (h)", "GRU（h）"),
    "gated.gradient.name.srn": ("SRN ‖∂h_T/∂h_t‖", "SRN ‖∂h_T/∂h_t‖"),
    "gated.gradient.name.lstm": ("LSTM ‖∂c_T/∂c_t‖", "LSTM ‖∂c_T/∂c_t‖"),
    "gated.gradient.name.gru": ("GRU ‖∂h_T/∂h_t‖", "GRU ‖∂h_T/∂h_t‖"),
    "gated.memory.read": (
        "a straight falling line on the log axis is geometric forgetting. After {k} steps the "
        "SRN keeps {srn} of the pulse, the LSTM {lstm} and the GRU {gru} (f = z = {gate}); "
        "move the bias down and the gated cells forget as fast as the SRN.",
        "对数坐标上笔直下降的线就是按几何级数遗忘。{k} 步之后，SRN 还剩脉冲的 {srn}，"
        "LSTM 剩 {lstm}，GRU 剩 {gru}（f = z = {gate}）；"
        "把偏置调低，门控单元就会忘得和 SRN 一样快。",
    ),
    "gated.gradient.read": (
        "read from the right (1 at t = T = {steps}) leftwards. From the last step back to t = 1 "
        "the SRN's gradient falls to {srn}, the LSTM's through c only to {lstm}: the cell-state "
        "path multiplies by f at each step, not by a weight and a tanh derivative.",
        "从右往左看（t = T = {steps} 时为 1）。从最后一步回到 t = 1，SRN 的梯度降到 {srn}，"
        "而 LSTM 经由 c 的梯度只降到 {lstm}：细胞状态这条路每一步只乘以 f，"
        "而不是乘以权重和 tanh 的导数。",
    ),
}
