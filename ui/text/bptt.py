"""Strings of the backpropagation-through-time page."""

# Symbols that read the same in both languages.
SAME_IN_BOTH = {"bptt.jac.series", "bptt.act.tanh", "bptt.act.relu", "bptt.act.sigmoid",
                "bptt.contrib.step",
                "bptt.contrib.total", "bptt.contrib.dropped_legend"}

STRINGS = {
    "bptt.title": ("Backpropagation through time, step by step, with the numbers",
                   "随时间反向传播（BPTT）：逐步计算，代入真实数值"),
    "bptt.intro": (
        "The network of the SRN page, run forward, then differentiated by hand. The loss is "
        "$L = \\sum_t \\tfrac12\\lVert y_t - y^*_t\\rVert^2$ (a target at every step) or "
        "$\\tfrac12\\lVert y_T - y^*_T\\rVert^2$ (the last step only). The weights W, U, b, V, c "
        "are **shared across time**: the same U is used at every step, so "
        "$\\partial L/\\partial U$ is a sum with **one contribution per time step**. "
        "The backward pass walks from $t = T$ down to $1$ and collects them. "
        "It opens on the course material's example (every weight 1, biases 0, tanh, "
        "inputs [1,1], [1,1], [2,2], target [1,1]).",
        "把 SRN 页面上的网络先正向运行，再手工求导。损失为 "
        "$L = \\sum_t \\tfrac12\\lVert y_t - y^*_t\\rVert^2$（每一步都有目标），或 "
        "$\\tfrac12\\lVert y_T - y^*_T\\rVert^2$（只有最后一步有目标）。权重 W、U、b、V、c "
        "**在各时间步之间共享**：每一步用的都是同一个 U，所以 $\\partial L/\\partial U$ "
        "是一个求和，**每个时间步贡献一项**。反向传播从 $t = T$ 一直走到 $1$，把这些项逐一累加。"
        "页面打开时显示课程原版示例（所有权重为 1，偏置为 0，tanh，输入 [1,1]、[1,1]、[2,2]，"
        "目标 [1,1]）。",
    ),
    # 1 · the problem
    "bptt.edit.header": ("1 · The network, the inputs and the targets",
                         "1 · 网络、输入与目标"),
    "bptt.edit.intro": (
        "Switch on editing to type any numbers into the tables; everything below is "
        "recomputed at once. The link in the address bar holds the weights, inputs, targets "
        "and every setting on this page.",
        "打开“编辑”后可以在表格中输入任意数字，下面的内容会立即重新计算。地址栏中的链接保存了"
        "权重、输入、目标以及本页的所有设置。",
    ),
    "bptt.edit": ("Edit the weights, inputs and targets", "编辑权重、输入与目标"),
    "bptt.edit.help": (
        "Shows the sizes and one table per matrix, the inputs and the targets, ready to edit. "
        "Valid changes stay when the tables are hidden again, and they are kept in the link.",
        "显示尺寸以及每个矩阵、输入和目标的表格，可以直接编辑。收起表格后，有效的修改仍然保留，"
        "并保存在链接中。",
    ),
    "bptt.problem.read": (
        "the network the sections below use (inputs × hidden × outputs: {sizes}); row t of X "
        "is the input x_t and row t of Y* the target y*_t, for t = 1 … {T}.",
        "下面各节所用的网络（输入 × 隐藏 × 输出：{sizes}）；X 的第 t 行是输入 x_t，"
        "Y* 的第 t 行是目标 y*_t，t = 1 … {T}。",
    ),
    "bptt.act": ("Activation f", "激活函数 f"),
    "bptt.act.help": (
        "Its derivative f′ decides how much gradient gets back through each step.",
        "它的导数 f′ 决定了每一步能有多少梯度传回去。",
    ),
    "bptt.act.identity": ("identity (no activation)", "identity（恒等，不做变换）"),
    "bptt.act.tanh": ("tanh", "tanh"),
    "bptt.act.relu": ("relu", "relu"),
    "bptt.act.sigmoid": ("sigmoid", "sigmoid"),
    "bptt.loss": ("Loss", "损失"),
    "bptt.loss.every": ("a target at every step", "每一步都有目标"),
    "bptt.loss.last": ("the last step only", "只有最后一步有目标"),
    "bptt.targets": ("Targets y*ₜ (one row per time step)", "目标 y*ₜ（每行一个时间步）"),
    "bptt.targets.help": (
        "The rows follow the input sequence: a new step repeats the last target. With "
        "“the last step only”, only the last row is used.",
        "行数跟随输入序列：新增的时间步沿用最后一个目标。选择“只有最后一步有目标”时，只用最后一行。",
    ),
    "bptt.error.target.steps": (
        "Targets y*: the table is empty; it needs {steps} rows of {outputs} values.",
        "目标 y*：表格为空，需要 {steps} 行，每行 {outputs} 个数。",
    ),
    "bptt.error.target.ragged": (
        "Targets y*: the rows have different lengths.",
        "目标 y*：各行长度不一致。",
    ),
    "bptt.error.target.shape": (
        "Targets y*: expected {steps} rows (one per time step) of {outputs} values (one per "
        "output).",
        "目标 y*：应为 {steps} 行（每个时间步一行），每行 {outputs} 个数（每个输出一个）。",
    ),
    "bptt.error.target.link": (
        "Link parameter target: {found} does not match {steps} time steps × {outputs} "
        "outputs; using {default}.",
        "链接参数 target：{found} 与 {steps} 个时间步 × {outputs} 个输出不匹配，已改用 {default}。",
    ),
    "bptt.error.setup": ("This network cannot be used: {error}", "无法使用这个网络：{error}"),
    "bptt.fix_first": (
        "Fix the cells marked above: the forward and backward passes below need a valid "
        "network. The clipping example still works.",
        "请先改正上面标出的单元格：下面的正向和反向计算需要一个有效的网络。梯度裁剪的示例仍可使用。",
    ),
    # 2 · forward
    "bptt.forward.header": ("2 · The forward pass", "2 · 正向传播"),
    "bptt.forward.loss.every": (
        "Loss with a target at every step: **L = {loss}** (float64: {full}).",
        "每一步都有目标时的损失：**L = {loss}**（float64：{full}）。",
    ),
    "bptt.forward.loss.last": (
        "Loss with a target at the last step only: **L = {loss}** (float64: {full}).",
        "只有最后一步有目标时的损失：**L = {loss}**（float64：{full}）。",
    ),
    "bptt.forward.read": (
        "one row per time step t = 1 … {T}: the input x, the previous state h_prev, the "
        "weighted sum z, the state h = f(z), the output y, the target y* (empty where there is "
        "none) and that step's loss term L_t; L is the sum of the last column.",
        "每行一个时间步 t = 1 … {T}：输入 x、上一状态 h_prev、加权和 z、状态 h = f(z)、"
        "输出 y、目标 y*（没有目标的步为空）以及这一步的损失项 L_t；L 是最后一列之和。",
    ),
    "bptt.overflow.forward": (
        "The forward pass overflows at step t = {step}: h or y exceeds the largest float "
        "(about 1.8 × 10³⁰⁸) and is ∞ or NaN from there on, and so is the loss.",
        "正向传播在第 t = {step} 步溢出：h 或 y 超过了浮点数的上限（约 1.8 × 10³⁰⁸），"
        "从这一步起为 ∞ 或 NaN，损失也是如此。",
    ),
    # 3 · the walk
    "bptt.walk.header": ("3 · The backward pass, from t = T down to 1",
                         "3 · 反向传播：从 t = T 倒推到 1"),
    "bptt.walk.intro": (
        "Move **t** (or press **Play**, which walks backwards one step a second). At each step "
        "the gradient reaching $h_t$ has two sources: this step's own output, and what step "
        "t + 1 sends back through U.",
        "拖动 **t**（或按 **播放**，每秒倒退一步）。每一步到达 $h_t$ 的梯度有两个来源："
        "这一步自己的输出，以及第 t + 1 步通过 U 传回来的梯度。",
    ),
    "bptt.t": ("Step t of the backward walk", "反向传播的时间步 t"),
    "bptt.t.help": ("The walk starts at t = T and ends at t = 1.",
                    "反向传播从 t = T 开始，到 t = 1 结束。"),
    "bptt.overflow.backward": (
        "The backward pass overflows at step t = {step} of the walk (it goes T, T − 1, …): "
        "from there on the values are ∞ or NaN.",
        "反向传播在第 t = {step} 步溢出（顺序是 T、T − 1、…）：从这一步起数值为 ∞ 或 NaN。",
    ),
    "bptt.walk.delta_y": ("**The output's error** at step {t}:", "第 {t} 步**输出的误差**："),
    "bptt.walk.delta_y.none": (
        "**No target at step {t}**, so its output adds nothing to the loss:",
        "**第 {t} 步没有目标**，它的输出不计入损失：",
    ),
    "bptt.walk.dh.last": (
        "**Gradient reaching the state** $h_{{{t}}}$: at the last step only from the output.",
        "**到达状态** $h_{{{t}}}$ **的梯度**：最后一步只来自输出。",
    ),
    "bptt.walk.dh": (
        "**Gradient reaching the state** $h_{{{t}}}$: from the output, plus what step {next} "
        "sends back through U.",
        "**到达状态** $h_{{{t}}}$ **的梯度**：来自输出的部分，"
        "加上第 {next} 步通过 U 传回来的部分。",
    ),
    "bptt.walk.delta_z": (
        "**Through the activation** ({name}): multiply entry by entry by its derivative.",
        "**穿过激活函数**（{name}）：逐个分量乘以它的导数。",
    ),
    "bptt.walk.add": (
        "**What step {t} adds** to each gradient:",
        "**第 {t} 步**对每个梯度**贡献的项**：",
    ),
    "bptt.walk.sum": (
        "**The running sums** over steps {T} … {t} (the walk is not finished yet):",
        "第 {T} … {t} 步的**累加和**（反向传播尚未结束）：",
    ),
    "bptt.walk.sum.done": (
        "**The running sums** over steps {T} … 1: after step 1 they **are the gradients** "
        "(compared with autograd in section 4).",
        "第 {T} … 1 步的**累加和**：走完第 1 步后它们**就是梯度**（第 4 节与 autograd 对比）。",
    ),
    "bptt.walk.read": (
        "at t = {t}, ∂L/∂h = {dh}; the activation's derivative f′(z) = {fp} lets "
        "δz = {dz} through. A small f′ (a saturated tanh) shrinks everything sent further back.",
        "在 t = {t}，∂L/∂h = {dh}；激活函数的导数 f′(z) = {fp} 只让 δz = {dz} 通过。"
        "f′ 很小时（tanh 饱和），再往前传的梯度都会变小。",
    ),
    # 4 · gradients
    "bptt.grad.header": ("4 · The gradients, by hand and by autograd",
                         "4 · 梯度：手工计算与 autograd"),
    "bptt.grad.loss": ("Loss L", "损失 L"),
    "bptt.grad.norm": ("‖g‖ over all parameters", "所有参数的 ‖g‖"),
    "bptt.grad.difference": ("Largest |hand − autograd|", "最大 |手工 − autograd|"),
    "bptt.col.entry": ("entry", "分量"),
    "bptt.col.hand": ("by hand (the walk above)", "手工（上面的反向传播）"),
    "bptt.col.autograd": ("torch.autograd", "torch.autograd"),
    "bptt.col.difference": ("|difference|", "|差|"),
    "bptt.grad.agree": (
        "The walk and torch.autograd agree: the largest difference is {difference} "
        "(float64 rounding).",
        "手工计算与 torch.autograd 一致：最大差异为 {difference}（float64 舍入误差）。",
    ),
    "bptt.grad.disagree": (
        "The largest difference from torch.autograd is {difference}: with values this large "
        "(or ∞, NaN after an overflow) float64 rounding is no longer small.",
        "与 torch.autograd 的最大差异为 {difference}：数值这么大（或溢出后为 ∞、NaN）时，"
        "float64 的舍入误差不再很小。",
    ),
    "bptt.grad.read": (
        "one row per weight; ∂L/∂U[1,1] = {U} is tiny next to ∂L/∂V[1,1] = {V}: V gets its "
        "gradient straight from the outputs, U only through tanh′ at every step.",
        "每行一个权重；∂L/∂U[1,1] = {U} 与 ∂L/∂V[1,1] = {V} 相比非常小："
        "V 直接从输出得到梯度，U 则每一步都要穿过 tanh′。",
    ),
    # 5 · contributions
    "bptt.contrib.header": ("5 · One contribution per time step, summed",
                            "5 · 每个时间步贡献一项，求和"),
    "bptt.param": ("Gradient", "梯度"),
    "bptt.param.help": ("Also used by the truncation figure in section 8.",
                        "第 8 节的截断图也使用这个选择。"),
    "bptt.contrib.title": ("Each step's share of ∂L/∂{name}, stacked",
                           "各时间步对 ∂L/∂{name} 的贡献（堆叠）"),
    "bptt.contrib.title.k": ("Truncated: what each step still adds to ∂L/∂{name}",
                             "截断后：各时间步仍能贡献给 ∂L/∂{name} 的部分"),
    "bptt.contrib.step": ("t = {t}", "t = {t}"),
    "bptt.contrib.dropped": ("dropped by truncation, t = {t}", "被截断丢弃，t = {t}"),
    "bptt.contrib.dropped_legend": ("✂", "✂"),
    "bptt.contrib.total": ("Σ", "Σ"),
    "bptt.contrib.kept_total": ("Σ truncated", "截断后的 Σ"),
    "bptt.contrib.read": (
        "one bar per entry, one coloured segment per time step; the diamond is the sum, the "
        "gradient. For {entry} the steps add {steps}, in all {total}.",
        "每个分量一根柱，每个时间步一段颜色；菱形是总和，即梯度。{entry} 各步的贡献为 {steps}，"
        "合计 {total}。",
    ),
    # 6 · vanishing and exploding
    "bptt.jac.header": ("6 · Vanishing and exploding gradients", "6 · 梯度消失与梯度爆炸"),
    "bptt.jac.intro": (
        "What reaches step t from the last step passes through the product of Jacobians "
        "$\\partial h_T/\\partial h_t = \\prod_{s=t+1}^{T} \\mathrm{diag}(f'(z_s))\\,U$. "
        "Its size is the fraction of gradient that gets back. Scale U to see it fade or grow.",
        "从最后一步传到第 t 步的梯度要乘上一串雅可比矩阵 "
        "$\\partial h_T/\\partial h_t = \\prod_{s=t+1}^{T} \\mathrm{diag}(f'(z_s))\\,U$。"
        "它的大小就是能传回去的梯度比例。缩放 U，看它消失或爆炸。",
    ),
    "bptt.scale": ("Recurrent weight scale (U × scale)", "循环权重缩放（U × 倍数）"),
    "bptt.scale.help": (
        "Multiplies U for this chart only (the sections above keep the network as typed).",
        "只在这张图里把 U 乘上这个倍数（上面各节仍使用表格中的网络）。",
    ),
    "bptt.jac.series": ("U × {scale}", "U × {scale}"),
    "bptt.jac.title": ("‖∂h_T/∂h_t‖ per step t ({act})", "各时间步的 ‖∂h_T/∂h_t‖（{act}）"),
    "bptt.jac.x": ("time step t", "时间步 t"),
    "bptt.jac.one": ("1: nothing lost", "1：没有损失"),
    "bptt.jac.overflow": (
        "The product overflows at step t = {step} (walking back from T): it is ∞ there and "
        "earlier, so those steps are not drawn.",
        "从 T 往回乘，在第 t = {step} 步溢出：这一步及更早的步为 ∞，图中不画出。",
    ),
    "bptt.jac.vanished": (
        "The product is exactly 0 at step t = {step} and earlier (underflow, or every relu "
        "unit off): a log axis cannot draw 0, so those steps are a gap.",
        "在第 t = {step} 步及更早的步，乘积恰好为 0（下溢，或所有 relu 单元都关闭）："
        "对数坐标画不出 0，所以那里是空白。",
    ),
    "bptt.jac.read": (
        "read from the right (1 at t = T) to the left; U's spectral radius is {radius}. At "
        "t = 1 the norm is {first}: that is how much of the last step's gradient reaches the "
        "first step. With this U the largest entry of ∂L/∂U is {U}.",
        "从右往左看（t = T 处为 1）；U 的谱半径为 {radius}。在 t = 1 处范数为 {first}："
        "最后一步的梯度只有这么多能传到第一步。此时 ∂L/∂U 的最大分量为 {U}。",
    ),
    # 7 · clipping
    "bptt.clip.header": ("7 · Gradient clipping", "7 · 梯度裁剪"),
    "bptt.clip.intro": (
        "When $\\lVert g\\rVert > \\theta$, clipping rescales the whole gradient: "
        "$g \\leftarrow g\\,\\theta/\\lVert g\\rVert$, the norm taken over all parameters "
        "together, so its direction is kept and its length becomes θ. Compare one gradient "
        "descent step with and without it.",
        "当 $\\lVert g\\rVert > \\theta$ 时，梯度裁剪把整个梯度按比例缩小："
        "$g \\leftarrow g\\,\\theta/\\lVert g\\rVert$，范数对所有参数一起计算，"
        "所以方向不变，长度变为 θ。对比有无裁剪时各走一步梯度下降的结果。",
    ),
    "bptt.clip_on": ("On", "使用的网络"),
    "bptt.clip.on.exploding": (
        "the exploding example (the course network without tanh, 3 steps)",
        "爆炸的示例（课程原版网络去掉 tanh，3 步）",
    ),
    "bptt.clip.on.above": ("the network above", "上面的网络"),
    "bptt.clip.no_network": (
        "The network above has errors, so the exploding example is shown.",
        "上面的网络有错误，因此显示爆炸的示例。",
    ),
    "bptt.theta": ("Threshold θ", "阈值 θ"),
    "bptt.theta.help": ("The course material clips to norm 1.", "课程原版示例裁剪到范数 1。"),
    "bptt.lr": ("Learning rate η", "学习率 η"),
    "bptt.clip.before": ("‖g‖ before clipping", "裁剪前的 ‖g‖"),
    "bptt.clip.theta": ("θ", "θ"),
    "bptt.clip.after": ("‖g‖ after clipping", "裁剪后的 ‖g‖"),
    "bptt.clip.factor": ("Factor θ/‖g‖ (1: not clipped)", "缩放因子 θ/‖g‖（1：未裁剪）"),
    "bptt.clip.infinite": (
        "The gradient is not finite (∞ or NaN after an overflow): it cannot be rescaled to "
        "θ, so nothing is clipped.",
        "梯度不是有限数（溢出后为 ∞ 或 NaN）：无法缩放到 θ，因此没有裁剪。",
    ),
    "bptt.clip.title": ("Clipping, then one gradient descent step", "先裁剪，再走一步梯度下降"),
    "bptt.clip.norm_axis": ("gradient norm ‖g‖", "梯度范数 ‖g‖"),
    "bptt.clip.loss_axis": ("loss L", "损失 L"),
    "bptt.clip.bar.before": ("g", "g"),
    "bptt.clip.bar.after": ("clipped", "裁剪后"),
    "bptt.clip.bar.now": ("now", "当前"),
    "bptt.clip.bar.plain": ("step without clipping", "不裁剪走一步"),
    "bptt.clip.bar.clipped": ("step with clipping", "裁剪后走一步"),
    "bptt.clip.step.plain": (
        "**Without clipping**: w ← w − {lr} · g. The loss goes from {loss} to **{after}**.",
        "**不裁剪**：w ← w − {lr} · g。损失从 {loss} 变为 **{after}**。",
    ),
    "bptt.clip.step.clipped": (
        "**With clipping**: w ← w − {lr} · clip(g). The loss goes from {loss} to **{after}**.",
        "**裁剪后**：w ← w − {lr} · clip(g)。损失从 {loss} 变为 **{after}**。",
    ),
    "bptt.col.g": ("g", "g"),
    "bptt.col.clipped": ("clip(g)", "clip(g)"),
    "bptt.col.w_plain": ("w after a step without clipping", "不裁剪走一步后的 w"),
    "bptt.col.w_clipped": ("w after a step with clipping", "裁剪后走一步后的 w"),
    "bptt.clip.read": (
        "‖g‖ = {before} against θ = {theta}: every entry is multiplied by {factor}. "
        "From L = {loss}, one step with the raw gradient gives L = {plain}, with the clipped "
        "one L = {clipped}.",
        "‖g‖ = {before}，θ = {theta}：每个分量都乘以 {factor}。从 L = {loss} 出发，"
        "用原始梯度走一步得到 L = {plain}，用裁剪后的梯度走一步得到 L = {clipped}。",
    ),
    # 8 · truncation
    "bptt.trunc.header": ("8 · Truncated BPTT", "8 · 截断的 BPTT"),
    "bptt.trunc.intro": (
        "The state is carried forward but detached every k steps: nothing flows back across a "
        "cut, so a loss term reaches the weights only through the steps of its own chunk. The "
        "hatched grey segments are what the full gradient has and the truncated one drops.",
        "状态照常向前传递，但每 k 步切断一次梯度：梯度不会越过切断点往回传，"
        "所以每个损失项只能通过它所在分段内的时间步影响权重。灰色斜线部分是完整梯度有、"
        "而截断后丢掉的部分。",
    ),
    "bptt.k": ("Truncation k (steps)", "截断长度 k（步）"),
    "bptt.k.help": ("k ≥ T is the full gradient.", "k ≥ T 时就是完整的梯度。"),
    "bptt.trunc.chunks": ("Chunks: {chunks}", "分段：{chunks}"),
    "bptt.trunc.difference": ("Largest |full − truncated|", "最大 |完整 − 截断|"),
    "bptt.col.full": ("full BPTT", "完整 BPTT"),
    "bptt.col.truncated": ("truncated", "截断"),
    "bptt.trunc.read.small": (
        "with k = {k}, the open diamond is the truncated ∂L/∂{name}, the filled one the full "
        "gradient; they differ by at most {difference}, too little to see: little gradient "
        "was coming back across the cuts anyway (a saturated tanh). Try identity above.",
        "k = {k} 时，空心菱形是截断后的 ∂L/∂{name}，实心菱形是完整梯度；两者最多相差 "
        "{difference}，小到看不出来：本来就没有多少梯度越过切断点传回来（tanh 饱和）。"
        "可以在上面改用 identity 试试。",
    ),
    "bptt.trunc.read": (
        "with k = {k}, the open diamond is the truncated ∂L/∂{name}, the filled one the full "
        "gradient; the hatched segments between them are what the cuts drop, at most "
        "{difference} per entry.",
        "k = {k} 时，空心菱形是截断后的 ∂L/∂{name}，实心菱形是完整梯度；两者之间的斜线段"
        "就是切断丢掉的部分，每个分量最多 {difference}。",
    ),
}
